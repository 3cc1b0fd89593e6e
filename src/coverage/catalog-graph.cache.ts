import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CatalogGraph } from '../graph/catalog-graph';
import { readCatalogGraphInput, readCatalogVersion, type Query } from './coverage.repository';

/**
 * The catalog graph, kept in memory per process. Each use checks the catalog version (one indexed read) and rebuilds
 * when a load changed it; concurrent requests share one rebuild.
 */
@Injectable()
export class CatalogGraphCache {
  private current?: { version: number; graph: CatalogGraph };
  private building?: Promise<{ version: number; graph: CatalogGraph }>;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get query(): Query {
    return (sql, params) => this.db.query(sql, params);
  }

  async graph(): Promise<CatalogGraph> {
    const version = await readCatalogVersion(this.query);
    if (this.current?.version === version) return this.current.graph;
    this.building ??= (async () => {
      try {
        const input = await readCatalogGraphInput(this.query);
        this.current = { version: input.version, graph: new CatalogGraph(input) };
        return this.current;
      } finally {
        this.building = undefined;
      }
    })();
    return (await this.building).graph;
  }
}
