import { Injectable } from '@nestjs/common';
import { recordAudit, type AuditActor } from '../audit/audit-log';
import { DomainError } from '../common/errors/domain-error';
import { TenantDb } from '../database/tenant-db';
import type { RequestScope } from '../graphql/request-scope';
import type { Principal } from '../organizations/auth/principal';
import { MAX_PROBLEM_VALUE, MAX_REPORTED_PROBLEMS } from '../imports/control-import.types';
import { type AnswerColumn, answerColumnHeader, type AnswerFileRow } from './vendor-answer-file';
import { VENDOR_ANSWERS, type VendorAnswerValue } from './vendor-controls';
import { VendorQuestionnaireService } from './vendor-questionnaire.service';
import { VendorsService } from './vendors.service';

/** The longest evidence cell kept: a reference or a short note, not a document. */
export const MAX_EVIDENCE = 2000;

export interface VendorAnswerProblem {
  row: number;
  /** The file's header of the column at fault. */
  column: string;
  value: string | null;
  reason: string;
}

export interface VendorAnswersReport {
  /** true: written; false: refused, nothing written. */
  ok: boolean;
  vendorId: string;
  /** The questionnaire's frameworks (CODE:VERSION) as the file names them; empty when it names none that resolve. */
  frameworks: string[];
  questionCount: number;
  /** Answers kept, per value; a blank answer is not kept. */
  yes: number;
  partial: number;
  no: number;
  notApplicable: number;
  /** Questions of the questionnaire the file leaves unanswered (blank, or no row). */
  unanswered: number;
  /** Groups the import's audit event; null on a refusal. */
  importId: string | null;
  problems: VendorAnswerProblem[];
  problemCount: number;
}

/**
 * Imports a vendor's answered questionnaire, all or nothing (issue 14, part 3), like the control import: every row is
 * checked first, and one problem refuses the whole file with every problem listed (row, column, value, reason).
 *
 * The file names its questionnaire: every row carries the same Frameworks cell, from which the questionnaire is made
 * again on this organization's catalog, and every Key must be one of its questions, once. So answers to an older or
 * another questionnaire, or a row edited by hand, cannot land on the wrong requirements. On success the vendor's
 * answers become exactly the file's non-blank ones (an import replaces the previous one), with one audit event.
 */
@Injectable()
export class VendorAnswersImportService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly questionnaires: VendorQuestionnaireService,
    private readonly vendors: VendorsService,
  ) {}

  async import(request: RequestScope, principal: Principal | AuditActor, vendorId: string, rows: readonly AnswerFileRow[]): Promise<VendorAnswersReport> {
    const org = principal.organizationId;
    // The vendor first: an unknown id is NOT_FOUND whatever the file holds.
    await this.vendors.answers(org, vendorId, 'vendor');
    const problems: VendorAnswerProblem[] = [];
    const problem = (row: number, column: AnswerColumn, value: string | null, reason: string) =>
      problems.push({ row, column: answerColumnHeader(column), value: value === null ? null : value.slice(0, MAX_PROBLEM_VALUE), reason });

    const report = (written: Partial<VendorAnswersReport>): VendorAnswersReport => ({
      ok: false, vendorId, frameworks: [], questionCount: 0, yes: 0, partial: 0, no: 0, notApplicable: 0, unanswered: 0, importId: null,
      ...written,
      problems: problems.slice(0, MAX_REPORTED_PROBLEMS),
      problemCount: problems.length,
    });

    if (rows.length === 0) {
      problems.push({ row: 1, column: answerColumnHeader('key'), value: null, reason: 'the file has no question rows; send back the questionnaire as exported' });
      return report({});
    }
    const named = rows.find((r) => r.frameworks !== null)?.frameworks ?? null;
    for (const r of rows) {
      if (r.frameworks !== named) problem(r.row, 'frameworks', r.frameworks, `every row must name the same questionnaire; the first row names "${(named ?? '').slice(0, 120)}". Do not edit this column`);
    }
    if (named === null) return report({});
    let built;
    try {
      built = await this.questionnaires.build(request, principal as Principal, named.split(',').map((ref) => ref.trim()), undefined, 'frameworks');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problem(rows[0].row, 'frameworks', named, `${error.message.replace(/^frameworks\[\d+\]: /, '')}; this is not a questionnaire of this organization's catalog`);
      return report({});
    }
    const keys = new Set(built.engine.questions.map((q) => q.key));
    const seen = new Map<string, number>();
    const answers: Array<{ key: string; answer: VendorAnswerValue; evidence: string | null }> = [];
    for (const r of rows) {
      if (r.key === null) {
        problem(r.row, 'key', null, 'is empty; every row must keep the key of its question');
        continue;
      }
      if (!keys.has(r.key)) {
        problem(r.row, 'key', r.key, `is not a question of the questionnaire for ${built.frameworkRefs.join(', ')}; do not edit keys or add rows`);
        continue;
      }
      const earlier = seen.get(r.key);
      if (earlier !== undefined) {
        problem(r.row, 'key', r.key, `answers the same question as row ${earlier}; answer each question once`);
        continue;
      }
      seen.set(r.key, r.row);
      if (r.evidence !== null && r.evidence.length > MAX_EVIDENCE) problem(r.row, 'evidence', r.evidence, `is ${r.evidence.length} characters; at most ${MAX_EVIDENCE} (a reference or a link, not the document)`);
      if (r.answer === null) continue;
      const answer = r.answer.trim().toUpperCase().replace(/[\s-]+/g, '_');
      if (!(VENDOR_ANSWERS as readonly string[]).includes(answer)) {
        problem(r.row, 'answer', r.answer, `must be one of ${VENDOR_ANSWERS.join(', ')}, or blank for not answered`);
        continue;
      }
      answers.push({ key: r.key, answer: answer as VendorAnswerValue, evidence: r.evidence });
    }
    const count = (value: VendorAnswerValue) => answers.filter((a) => a.answer === value).length;
    const counts = {
      frameworks: built.frameworkRefs,
      questionCount: keys.size,
      yes: count('YES'),
      partial: count('PARTIAL'),
      no: count('NO'),
      notApplicable: count('NOT_APPLICABLE'),
      unanswered: keys.size - answers.length,
    };
    if (problems.length > 0) return report(counts);

    const importId = await this.tenantDb.write(org, async (manager) => {
      const before = await this.vendors.lockVendor(manager, org, vendorId, 'vendor');
      const [{ id }]: Array<{ id: string }> = await manager.query(`SELECT gen_random_uuid() AS id`);
      await manager.query(`DELETE FROM vendor_answer WHERE organization_id = $1 AND vendor_id = $2`, [org, vendorId]);
      if (answers.length > 0) {
        await manager.query(
          `INSERT INTO vendor_answer (organization_id, vendor_id, question_key, frameworks, answer, evidence, import_id)
           SELECT $1, $2, k, $3, a, e, $7 FROM unnest($4::text[], $5::text[], $6::text[]) AS t(k, a, e)`,
          [org, vendorId, built.frameworkRefs.join(','), answers.map((a) => a.key), answers.map((a) => a.answer), answers.map((a) => a.evidence), id],
        );
      }
      await recordAudit(
        manager,
        principal,
        'importVendorAnswers',
        { type: 'vendor', id: vendorId },
        { frameworks: before.frameworks, answerCount: before.answerCount },
        { importId: id, ...counts },
      );
      return id;
    });
    return report({ ...counts, ok: true, importId });
  }
}
