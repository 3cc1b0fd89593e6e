import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AiRolesModule } from './ai-roles/ai-roles.module';
import { ApplicabilityModule } from './applicability/applicability.module';
import { CatalogModule } from './catalog/catalog.module';
import { CertificationModule } from './certification/certification.module';
import { GraphqlErrorFilter } from './common/errors/graphql-error.filter';
import { KeyRateLimitGuard } from './common/rate-limit/key-rate-limit.guard';
import { KeyRateLimiter, RATE_LIMIT_PER_MINUTE } from './common/rate-limit/key-rate-limiter';
import { createValidationPipe } from './common/validation/validation.pipe';
import { AppConfig } from './config/app-config';
import { ControlsModule } from './controls/controls.module';
import { CoverageModule } from './coverage/coverage.module';
import { ManagementSystemsModule } from './management-systems/management-systems.module';
import { CrosswalksModule } from './crosswalks/crosswalks.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { dataSourceOptions } from './database/data-source-options';
import { QueryCounter } from './database/query-counter';
import { graphqlOptions } from './graphql/graphql-options';
import { RequestScopeFactory } from './graphql/request-scope.factory';
import { QueryCostWeights } from './graphql/query-cost-weights';
import { CompiledExecutor } from './graphql/compiled-executor';
import { GraphqlProvidersModule } from './graphql/graphql-providers.module';
import { ExportsController } from './exports/exports.controller';
import { ImportsController } from './imports/imports.controller';
import { OscalImportsController } from './imports/oscal-imports.controller';
import { ExportsModule } from './exports/exports.module';
import { OscalExportsController } from './exports/oscal-exports.controller';
import { ImportsModule } from './imports/imports.module';
import { HealthController } from './health/health.controller';
import { HomeController } from './home/home.controller';
import { TenantStateModule } from './tenant-state/tenant-state.module';
import { OwnCatalogModule } from './own-catalog/own-catalog.module';
import { VendorsModule } from './vendors/vendors.module';
import { VendorAnswersController } from './vendors/vendor-answers.controller';

export interface AppModuleOptions {
  config: AppConfig;
  /** The resolved database URL (DATABASE_URL, or the embedded server's). */
  databaseUrl: string;
  /** Counts SQL statements; tests read it. */
  queryCounter?: QueryCounter;
  /** Start-up and connection messages (the catalog watch's). */
  log?: (message: string) => void;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const counter = options.queryCounter ?? new QueryCounter();
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(options.databaseUrl, counter), retryAttempts: 3, retryDelay: 1000 }),
        CatalogModule.forRoot(options.databaseUrl, options.log),
        GraphqlProvidersModule,
        TenantStateModule.forRoot(options.config.tenantStateCacheBytes),
        OwnCatalogModule.forRoot(options.config.ownCatalogLimits, options.config.tenantStateCacheBytes),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [RequestScopeFactory, QueryCostWeights, CompiledExecutor],
          useFactory: (scopes: RequestScopeFactory, weights: QueryCostWeights, executor: CompiledExecutor) =>
            graphqlOptions(options.config, scopes, weights, executor),
        }),
        CrosswalksModule,
        OrganizationsModule,
        ControlsModule,
        CoverageModule,
        ManagementSystemsModule,
        CertificationModule,
        ApplicabilityModule,
        AiRolesModule,
        ExportsModule,
        ImportsModule,
        VendorsModule,
      ],
      // The exports' controller here, beside the KeyRateLimiter it spends (provided below, for the GraphQL guard too).
      controllers: [HealthController, HomeController, ExportsController, OscalExportsController, ImportsController, OscalImportsController, VendorAnswersController],
      providers: [
        { provide: QueryCounter, useValue: counter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: GraphqlErrorFilter },
        { provide: RATE_LIMIT_PER_MINUTE, useValue: options.config.rateLimitPerMinute },
        KeyRateLimiter,
        { provide: APP_GUARD, useClass: KeyRateLimitGuard },
      ],
      exports: [QueryCounter],
    };
  }
}
