import { DomainError, ErrorCode } from '@keta/errors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Resource } from '@medplum/fhirtypes';
import type { ParsedSearch } from './search-parameter.parser';
import { isUuid, patientsQuery, readQuery, searchQueries } from './search-query.builder';
import type { FhirType } from './supported-resources';

export interface StoredResource {
  version: number;
  lastUpdated: Date;
  resource: Resource;
}

export interface SearchPage {
  total: number;
  matches: Resource[];
  /** The patients of the matches, when the search asked for `_include=<Type>:patient`. */
  included: Resource[];
  /** The id the next page starts after; absent on the last page. */
  nextAfter?: string;
}

/** Reads and searches the FHIR projection (fhir_resource), the only store /fhir/R4 answers from. */
@Injectable()
export class ProjectionReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async read(type: FhirType, id: string): Promise<StoredResource> {
    const [row] = isUuid(id) ? ((await this.query(readQuery(type, id))) as Array<{ version: number; last_updated: Date; resource: Resource }>) : [];
    if (!row) throw new DomainError(ErrorCode.NotFound, `No ${type} has this id`);
    return { version: row.version, lastUpdated: row.last_updated, resource: row.resource };
  }

  async search(type: FhirType, search: ParsedSearch): Promise<SearchPage> {
    const { page, total } = searchQueries(type, search);
    const rows = (await this.query(page)) as Array<{ id: string; patient_id: string; resource: Resource }>;
    const [counted] = (await this.query(total)) as Array<{ total: number }>;
    const matches = rows.slice(0, search.count);
    const patientIds = [...new Set(matches.map((row) => row.patient_id))];
    const included = search.includePatients && patientIds.length
      ? ((await this.query(patientsQuery(patientIds))) as Array<{ resource: Resource }>).map((row) => row.resource)
      : [];
    const last = matches.at(-1);
    return {
      total: counted?.total ?? 0,
      matches: matches.map((row) => row.resource),
      included,
      ...(rows.length > matches.length && last ? { nextAfter: last.id } : {}),
    };
  }

  private query({ text, values }: { text: string; values: unknown[] }): Promise<unknown[]> {
    return this.db.query(text, values);
  }
}
