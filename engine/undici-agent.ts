/**
 * undici's Agent, connector and `request`, required from their own modules. The package's index also
 * loads fetch, WebSocket, caches and mocks, which the transport never uses: the runner and every worker
 * paid ~85 ms for them at start. The index adds `request` to every dispatcher's prototype; without it,
 * `requestVia` calls the same function. These paths are undici's internals, so package.json pins its
 * version and a unit test checks that they are the index's own exports.
 */
import type { Dispatcher, Agent as UndiciAgent, buildConnector as undiciBuildConnector } from 'undici';

export const Agent: typeof UndiciAgent = require('undici/lib/dispatcher/agent');
export type Agent = UndiciAgent;
export const buildConnector: typeof undiciBuildConnector = require('undici/lib/core/connect');

const request: (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData> =
  require('undici/lib/api/api-request');

export const requestVia = (
  dispatcher: Dispatcher,
  options: Dispatcher.RequestOptions,
): Promise<Dispatcher.ResponseData> => request.call(dispatcher, options);
