/**
 * The `vendor-questionnaire` export (issue 14, part 3): the questions of VendorQuestionnaireService, the same that
 * GraphQL's `vendorQuestionnaire` answers, laid out for a supplier to fill in. Sheet "Questionnaire" starts with its
 * header row (no heading lines), so the answered file, XLSX or CSV, goes back as it is through
 * POST /import/vendor-answers: each row carries its question's key and the questionnaire's frameworks, which is how
 * the import makes the questionnaire again and matches every answer to its question.
 */
import { Injectable } from '@nestjs/common';
import type { RequestScope } from '../graphql/request-scope';
import type { Principal } from '../organizations/auth/principal';
import { OrganizationsService } from '../organizations/organizations.service';
import { VENDOR_ANSWERS } from '../vendors/vendor-controls';
import { VendorQuestionnaireService } from '../vendors/vendor-questionnaire.service';
import { FORMULAS } from './read-me';
import type { CellValue, SheetColumn, Workbook } from './sheet';

export const QUESTIONNAIRE_SHEET = 'Questionnaire';

/** The sheet's columns, by header; the import reads Key, Frameworks, Answer and Evidence by these names. */
export const QUESTIONNAIRE_COLUMNS = {
  id: 'Question',
  key: 'Key',
  frameworks: 'Frameworks',
  aiSpecific: 'AI-specific',
  text: 'Question text',
  requirements: 'Requirements',
  evidenceRequest: 'Evidence requested',
  answer: 'Answer',
  evidence: 'Evidence',
} as const;

@Injectable()
export class VendorQuestionnaireExport {
  constructor(
    private readonly questionnaires: VendorQuestionnaireService,
    private readonly organizations: OrganizationsService,
  ) {}

  async workbook(request: RequestScope, principal: Principal, frameworks: string[], aiRoles: string | undefined, generatedAt: Date): Promise<Workbook> {
    const roles = aiRoles === undefined ? undefined : aiRoles.split(',').map((role) => role.trim());
    const built = await this.questionnaires.build(request, principal, frameworks, roles);
    const organization = await this.organizations.organizationName(principal.organizationId);
    const { graph, frameworkRefs, engine, model } = built;
    const refs = frameworkRefs.join(',');
    const title = `Vendor questionnaire — ${frameworkRefs.join(' + ')}`;
    const C = QUESTIONNAIRE_COLUMNS;
    const columns: SheetColumn[] = [
      { header: C.id, width: 9 },
      { header: C.key, width: 18 },
      { header: C.frameworks, width: 18 },
      { header: C.aiSpecific, width: 8 },
      { header: C.text, width: 60, wrap: true },
      { header: C.requirements, width: 45, wrap: true },
      { header: C.evidenceRequest, width: 40, wrap: true },
      { header: C.answer, width: 16, choices: VENDOR_ANSWERS },
      { header: C.evidence, width: 40, wrap: true },
    ];
    return {
      title,
      generatedAt,
      readMe: [
        `A questionnaire from ${organization} for its suppliers, over ${frameworkRefs.join(', ')}: ${model.questions.length} questions standing for ` +
          `${model.requirementCount} requirements. Each question stands for a group of requirements that one practice meets across these standards, ` +
          'so one answer serves all of them. The requirements are named by their identifiers and short titles; the standards\' own text is not reproduced.',
        `On sheet "${QUESTIONNAIRE_SHEET}", answer every question in the column "${C.answer}" with one of ${VENDOR_ANSWERS.join(', ')} ` +
          `(PARTIAL where only part is in place), and put what shows it in "${C.evidence}": a document name, a link, a certificate. ` +
          'A blank answer counts as not answered.',
        `Do not change the columns "${C.key}" and "${C.frameworks}", and do not add or remove rows: they tie each answer to its question when the file is imported ` +
          '(POST /import/vendor-answers, or npm run import -- vendor-answers). The file may be sent back as XLSX or as CSV of this sheet.',
        ...FORMULAS,
      ],
      sheets: [
        {
          name: QUESTIONNAIRE_SHEET,
          columns,
          rows: model.questions.map((q, i): CellValue[] => [
            q.id,
            q.key,
            refs,
            q.aiSpecific ? 'yes' : 'no',
            q.text,
            engine.questions[i].requirements.map((r) => `${graph.frameworkCode(graph.frameworkOf(r))} ${graph.refId(r)} — ${graph.title(r)}`).join('\n'),
            q.evidenceRequest,
            null,
            null,
          ]),
        },
      ],
    };
  }
}
