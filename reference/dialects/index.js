// @ts-check
// The five dialects, keyed by contract name (the keys of fixtures.json).

const { klaim } = require('./klaim.js');
const { aitronos } = require('./aitronos.js');
const { credira } = require('./credira.js');
const { delos } = require('./delos.js');
const { problemDetails } = require('./problem-details.js');

/** @type {Record<import('../types.js').ContractName, import('../types.js').Dialect>} */
const dialects = { klaim, aitronos, credira, delos, 'problem-details': problemDetails };

module.exports = { dialects };
