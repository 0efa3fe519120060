// @ts-check
// aitronos's documented user fields, for the dialect, its variants and the population (a leaf module).

/** The 18 documented fields, in doc order; all but id, email, is_active, created_at, updated_at are nullable. */
const FIELDS = [
  'id',
  'email',
  'username',
  'full_name',
  'first_name',
  'last_name',
  'birthday',
  'profile_image',
  'timezone',
  'country_id',
  'post_code',
  'gender',
  'is_active',
  'last_verified',
  'last_login',
  'created_at',
  'updated_at',
  'current_organization_id',
];

/** The "string or null" fields of the Returns list, in doc order. */
const NULLABLE_FIELDS = FIELDS.filter(
  (field) => !['id', 'email', 'is_active', 'created_at', 'updated_at'].includes(field),
);

module.exports = { FIELDS, NULLABLE_FIELDS };
