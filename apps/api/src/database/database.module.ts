import { ENTITIES, createDataSource } from '@keta/db';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { API_CONFIG, type ApiConfig } from '../config/api-config';

/** PostgreSQL through the data source of @keta/db, and a repository for every entity. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => ({ type: 'postgres', url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }),
      dataSourceFactory: (options) => {
        const { url, poolSize } = options as unknown as { url: string; poolSize: number };
        return createDataSource({ url, poolSize, applicationName: 'keta-api' }).initialize();
      },
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  exports: [TypeOrmModule],
})
export class DatabaseModule {}
