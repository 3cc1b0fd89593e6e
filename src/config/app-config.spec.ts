import { ConfigError, loadConfig } from './app-config';

const ROOT = '/srv/crosswalk';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env, ROOT);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has defaults for an empty environment, with folders under the root', () => {
    expect(loadConfig({}, ROOT)).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: '/srv/crosswalk/.crosswalk',
      mappingsDir: '/srv/crosswalk/mappings',
      webDir: '/srv/crosswalk/dist/web',
      production: false,
      introspection: true,
      loadMappingsOnStart: true,
      bodyLimitBytes: 102400,
      importBodyLimitBytes: 25 * 1024 * 1024,
      rateLimitPerMinute: 1200,
      catalogCacheEntries: 1000,
      catalogCacheEntryBytes: 1024 * 1024,
      queryMaxCost: 50_000,
      queryTimeLimitMs: 5_000,
      responseSizeLimitBytes: 10 * 1024 * 1024,
      tenantStateCacheBytes: 64 * 1024 * 1024,
      ownCatalogLimits: { frameworks: 50, requirements: 20_000, edges: 200_000 },
      shutdownGraceSeconds: 30,
      trustProxy: false,
      logLevel: 'info',
      corsOrigins: [],
    });
  });

  it('reads CORS_ORIGINS as a list of origins, normalised as browsers send them', () => {
    expect(loadConfig({ CORS_ORIGINS: ' https://grc.example.com, http://localhost:8080 ,HTTPS://Tool.Example.org:443/' }, ROOT).corsOrigins).toEqual([
      'https://grc.example.com',
      'http://localhost:8080',
      'https://tool.example.org',
    ]);
    expect(loadConfig({ CORS_ORIGINS: '' }, ROOT).corsOrigins).toEqual([]);
  });

  it.each([
    ['*', 'CORS_ORIGINS: "*" is not accepted; list the origins that may call the API, as scheme://host[:port]'],
    ['https://grc.example.com/app', 'CORS_ORIGINS entry 1: "https://grc.example.com/app" is not an origin; write scheme://host[:port]'],
    ['https://ok.example.com,grc.example.com', 'CORS_ORIGINS entry 2: "grc.example.com" is not an origin'],
    ['https://ok.example.com,,https://b.example.com', 'CORS_ORIGINS entry 2: "" is not an origin'],
    ['ftp://files.example.com', 'CORS_ORIGINS entry 1: "ftp://files.example.com" is not an origin'],
    ['https://user:pw@grc.example.com', 'CORS_ORIGINS entry 1: "https://user:pw@grc.example.com" is not an origin'],
    ['https://grc.example.com?x=1', 'CORS_ORIGINS entry 1: "https://grc.example.com?x=1" is not an origin'],
    ['https://grc.example.com//', 'CORS_ORIGINS entry 1: "https://grc.example.com//" is not an origin'],
  ])('refuses CORS_ORIGINS=%s, saying what an origin looks like', (raw, message) => {
    const error = configError({ CORS_ORIGINS: raw });
    expect(error.message).toContain(message);
    expect(error.message).toContain('e.g. https://grc.example.com');
  });

  it('reads LOG_LEVEL, and names what it accepts otherwise', () => {
    expect(loadConfig({ LOG_LEVEL: ' DEBUG ' }, ROOT).logLevel).toBe('debug');
    expect(configError({ LOG_LEVEL: 'verbose' }).message).toBe('LOG_LEVEL must be info or debug, got "verbose"');
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: ' 0.0.0.0 ',
        DATABASE_URL: 'postgres://crosswalk@db:5432/crosswalk',
        CROSSWALK_DATA_DIR: 'state',
        CROSSWALK_MAPPINGS_DIR: '/etc/crosswalk/mappings',
        NODE_ENV: 'production',
        GRAPHQL_INTROSPECTION: 'false',
        CROSSWALK_LOAD_MAPPINGS: 'no',
        REQUEST_BODY_LIMIT: '262144',
        IMPORT_BODY_LIMIT: '1048576',
        RATE_LIMIT_PER_MINUTE: '60',
        CATALOG_CACHE_ENTRIES: '0',
        SHUTDOWN_GRACE_SECONDS: '90',
        CATALOG_CACHE_ENTRY_BYTES: '4096',
        QUERY_MAX_COST: '100000',
        QUERY_TIME_LIMIT_MS: '2500',
        RESPONSE_SIZE_LIMIT: '2097152',
        TRUST_PROXY: '1',
        LOG_LEVEL: 'debug',
        CORS_ORIGINS: 'https://grc.example.com',
        TENANT_STATE_CACHE_MB: '0',
        OWN_FRAMEWORKS_MAX: '5',
        OWN_REQUIREMENTS_MAX: '1000',
        OWN_EDGES_MAX: '0',
      },
      ROOT,
    );
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://crosswalk@db:5432/crosswalk',
      dataDir: '/srv/crosswalk/state',
      mappingsDir: '/etc/crosswalk/mappings',
      webDir: '/srv/crosswalk/dist/web',
      production: true,
      introspection: false,
      loadMappingsOnStart: false,
      bodyLimitBytes: 262144,
      importBodyLimitBytes: 1048576,
      rateLimitPerMinute: 60,
      catalogCacheEntries: 0,
      catalogCacheEntryBytes: 4096,
      queryMaxCost: 100_000,
      queryTimeLimitMs: 2500,
      responseSizeLimitBytes: 2 * 1024 * 1024,
      tenantStateCacheBytes: 0,
      ownCatalogLimits: { frameworks: 5, requirements: 1000, edges: 0 },
      shutdownGraceSeconds: 90,
      trustProxy: 1,
      logLevel: 'debug',
      corsOrigins: ['https://grc.example.com'],
    });
  });

  it.each([
    ['development', false],
    ['test', false],
    ['Production', false],
    ['production', true],
  ])('treats NODE_ENV=%s as production: %s', (value, production) => {
    expect(loadConfig({ NODE_ENV: value }, ROOT).production).toBe(production);
  });

  it.each([['  '], ['']])('treats a blank HOST and folders (%j) as unset', (blank) => {
    const config = loadConfig({ HOST: blank, CROSSWALK_DATA_DIR: blank, CROSSWALK_MAPPINGS_DIR: blank }, ROOT);
    expect([config.host, config.dataDir, config.mappingsDir]).toEqual(['127.0.0.1', '/srv/crosswalk/.crosswalk', '/srv/crosswalk/mappings']);
  });
});

describe('loadConfig: PORT', () => {
  it.each([
    ['0', 0],
    ['80', 80],
    ['65535', 65535],
    ['', 3000],
  ])('accepts PORT=%j as %i', (value, port) => {
    expect(loadConfig({ PORT: value }, ROOT).port).toBe(port);
  });

  it.each(['65536', '-1', '80.5', 'http', '3000abc'])('rejects PORT=%j naming the variable', (value) => {
    expect(configError({ PORT: value }).message).toBe(`PORT must be an integer from 0 to 65535, got "${value}"`);
  });

  it('treats a blank PORT like an unset one, as it does for HOST, instead of picking a random port', () => {
    // Number('  ') is 0, and 0 means "any free port".
    expect(loadConfig({ PORT: '  ' }, ROOT).port).toBe(3000);
  });
});

describe('loadConfig: booleans', () => {
  const variables = [['GRAPHQL_INTROSPECTION', 'introspection'], ['CROSSWALK_LOAD_MAPPINGS', 'loadMappingsOnStart']] as const;

  describe.each(variables)('%s', (name, key) => {
    it.each([
      ['1', true],
      ['true', true],
      ['YES', true],
      [' on ', true],
      ['0', false],
      ['False', false],
      ['no', false],
      ['OFF', false],
      ['', true],
    ])('reads %j as %s', (value, expected) => {
      expect(loadConfig({ [name]: value }, ROOT)[key]).toBe(expected);
    });

    it.each(['maybe', '2', 'enabled'])('rejects %j naming the variable', (value) => {
      expect(configError({ [name]: value }).message).toBe(`${name} must be one of true/false/1/0/yes/no/on/off, got "${value}"`);
    });
  });
});

describe('loadConfig: DATABASE_URL', () => {
  it.each([
    ['postgres://u@db/crosswalk', 'postgres://u@db/crosswalk'],
    ['postgresql://db:5433/crosswalk?sslmode=require', 'postgresql://db:5433/crosswalk?sslmode=require'],
    ['  postgres://db/crosswalk\n', 'postgres://db/crosswalk'],
    ['', undefined],
    ['   ', undefined],
  ])('accepts %j as %j', (value, expected) => {
    expect(loadConfig({ DATABASE_URL: value }, ROOT).databaseUrl).toBe(expected);
  });

  it.each([
    ['mysql://db/crosswalk', 'a mysql: URL'],
    ['http://db/crosswalk', 'a http: URL'],
    ['postgres:/db', 'a postgres: URL'],
    ['db:5432/crosswalk', 'a db: URL'],
    ['xpostgres://db', 'a xpostgres: URL'],
    ['//db/crosswalk', 'something else'],
  ])('rejects %j naming the variable and what it got', (value, got) => {
    expect(configError({ DATABASE_URL: value }).message).toBe(`DATABASE_URL must be a postgres:// or postgresql:// URL, got ${got}`);
  });

  it('never repeats the URL, which may hold a password', () => {
    expect(configError({ DATABASE_URL: 'mysql://admin:s3cret@db/crosswalk' }).message).not.toMatch(/s3cret|admin/);
  });
});

describe('loadConfig: REQUEST_BODY_LIMIT', () => {
  it.each(['1', '1023', '52428801', '1mb', '-5', '2.5'])('rejects %j naming the variable and the range', (value) => {
    expect(() => loadConfig({ REQUEST_BODY_LIMIT: value }, ROOT)).toThrow(`REQUEST_BODY_LIMIT must be a number of bytes from 1024 to 52428800, got "${value}"`);
  });
});

describe('loadConfig: the query limits in their units', () => {
  it.each([
    ['QUERY_TIME_LIMIT_MS', '99', 'a number of milliseconds from 100 to 600000'],
    ['QUERY_TIME_LIMIT_MS', '5s', 'a number of milliseconds from 100 to 600000'],
    ['RESPONSE_SIZE_LIMIT', '65535', 'a number of bytes from 65536 to 536870912'],
    ['RESPONSE_SIZE_LIMIT', '10MB', 'a number of bytes from 65536 to 536870912'],
    ['CATALOG_CACHE_ENTRY_BYTES', '1023', 'a number of bytes from 1024 to 67108864'],
    ['TENANT_STATE_CACHE_MB', '65537', 'a number of mebibytes from 0 to 65536'],
    ['TENANT_STATE_CACHE_MB', '64MB', 'a number of mebibytes from 0 to 65536'],
  ])('%s=%j is refused, naming the variable, the unit and the range', (name, value, what) => {
    expect(() => loadConfig({ [name]: value }, ROOT)).toThrow(`${name} must be ${what}, got "${value}"`);
  });
});

describe('loadConfig: whole numbers', () => {
  it.each([
    ['RATE_LIMIT_PER_MINUTE', ['0', '1000001', '1e3', '-1', '2.5', 'many'], 'from 1 to 1000000'],
    ['CATALOG_CACHE_ENTRIES', ['100001', '-1', '1.5', 'off', '10000000000'], 'from 0 to 100000'],
    ['SHUTDOWN_GRACE_SECONDS', ['3601', '-1', '30s', 'soon'], 'from 0 to 3600'],
    ['QUERY_MAX_COST', ['99', '10000001', '1e5', 'lots'], 'from 100 to 10000000'],



  ])('%s: rejects %j naming the variable and the range', (name, values, range) => {
    for (const value of values) {
      expect(configError({ [name]: value }).message).toBe(`${name} must be a whole number ${range}, got "${value}"`);
    }
  });
});

describe('loadConfig: TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['OFF', false],
    ['0', false],
    ['true', true],
    ['yes', true],
    ['1', 1],
    ['2', 2],
    ['loopback', ['loopback']],
    ['loopback, 172.16.0.0/12,10.0.0.1', ['loopback', '172.16.0.0/12', '10.0.0.1']],
    ['10.0.0.0/255.0.0.0,fd00::/8,::1', ['10.0.0.0/255.0.0.0', 'fd00::/8', '::1']],
  ])('reads TRUST_PROXY=%j as %j (off by default)', (raw, expected) => {
    expect(loadConfig(raw === undefined ? {} : { TRUST_PROXY: raw }, ROOT).trustProxy).toEqual(expected);
  });

  it.each(['proxy', '10.0.0.300', '10.0.0.0/33', 'fd00::/129', '10.0.0.0/8/8', 'loopback,', '1.5', '-1', '1000', 'fd00::/ffff::'])(
    'rejects TRUST_PROXY=%j naming the variable and what it accepts',
    (value) => {
      expect(configError({ TRUST_PROXY: value }).message).toMatch(/^TRUST_PROXY must be false, true, a number of proxy hops \(0 to 999\), or a comma-separated list of addresses, subnets .*loopback, linklocal, uniquelocal; ".*" is none of these$/);
    },
  );
});
