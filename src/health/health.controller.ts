import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';

/**
 * Liveness: the process answers. Readiness: the database answers within a second and a catalog is loaded, so a load
 * balancer sends traffic only where queries can succeed.
 */
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get('live')
  @HttpCode(HttpStatus.OK)
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) res: FastifyReply) {
    try {
      const rows: Array<{ version: number; loadedAt: Date }> = await Promise.race([
        this.db.query(`SELECT version, loaded_at AS "loadedAt" FROM catalog_state WHERE id = 1`),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('database did not answer within 1 s')), 1000).unref()),
      ]);
      if (rows.length === 0) {
        void res.status(HttpStatus.SERVICE_UNAVAILABLE);
        return { status: 'unavailable', database: 'ok', catalog: 'not loaded' };
      }
      return { status: 'ok', database: 'ok', catalog: { version: rows[0].version, loadedAt: rows[0].loadedAt } };
    } catch {
      void res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'unavailable', database: 'unreachable' };
    }
  }
}
