/** Environment variables that global-setup.ts hands to every test file. */
export const ENV_ADMIN_URL = 'CROSSWALK_TEST_ADMIN_URL';
export const ENV_TEMPLATE_EMPTY = 'CROSSWALK_TEST_TEMPLATE_EMPTY';
export const ENV_TEMPLATE_LOADED = 'CROSSWALK_TEST_TEMPLATE_LOADED';

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest (npm test), whose global setup sets it`);
  return value;
}
