// Leaders in charge [领办/包靠] and key-project ledgers [重点项目台账] (issue 16 items 2 and 3): API shapes.
import { z } from 'zod';
import { CampaignIdParams, SerialId } from './common.ts';
import { CommitmentSchema } from './commitments.ts';

const id = z.string().trim().min(1).max(64);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const amount = z.string().trim().regex(/^\d+(\.\d+)?$/, 'a number').max(24);

export const VisitCreate = z.object({
  kind: z.enum(['visit', 'hearing']).default('visit'),
  date: day,
  unit: id.optional(),
  project: z.number().int().positive().optional(),
  findings: z.string().trim().min(1).max(4000),
  followUps: z.string().trim().max(4000).optional(),
  /** an organizer logging a leader's visit: the leader; a leader logs their own */
  leader: z.number().int().positive().optional(),
});
export const LeaderQuery = z.object({ leader: SerialId.optional() });

export const VisitSchema = z.object({
  id: z.number().int(), kind: z.enum(['visit', 'hearing']), date: z.string(), leader: z.number().int(), leaderName: z.string(),
  unit: z.string().nullable(), unitName: z.string().nullable(), project: z.number().int().nullable(), projectName: z.string().nullable(),
  findings: z.string(), followUps: z.string().nullable(), createdAt: z.iso.datetime(),
}).meta({ id: 'LeaderVisit' });

export const ProjectCreate = z.object({
  name: z.string().trim().min(1).max(200),
  ownerUnit: id,
  leader: z.number().int().positive().optional(),
  team: z.string().trim().max(1000).optional(),
  plannedInvestment: amount.optional(),
  milestones: z.array(z.object({ name: z.string().trim().min(1).max(200), due: day })).min(1).max(50),
});
export const ProjectParams = CampaignIdParams.extend({ projectId: SerialId });
export const MilestoneParams = ProjectParams.extend({ milestoneId: SerialId });
export const MilestoneDone = z.object({ doneOn: day });
export const ProgressCreate = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/, 'YYYY-MM'), text: z.string().trim().min(1).max(4000), investment: amount.optional() });
export const ProjectFeed = z.object({ indicator: id, period: z.string().trim().min(1).max(16), measure: z.enum(['milestones_on_time', 'investment']) });
export const ProgressParams = ProjectParams.extend({ progressId: SerialId });
export const ProjectFileParams = ProjectParams.extend({ fileId: z.string().min(1).max(64) });
export const AccountingResultSchema = z.object({
  /** the cases of the commitments not kept and the overdue milestones: opened now (opened) or before */
  cases: z.array(z.object({ source: z.enum(['commitment', 'project']), ref: z.number().int(), name: z.string(), caseId: z.number().int(), number: z.string(), opened: z.boolean() })),
  opened: z.number().int(),
});
export const ProjectListQuery = z.object({ overdue: z.enum(['true', 'false']).optional() });

export const MilestoneSchema = z.object({
  id: z.number().int(), name: z.string(), due: z.string(), doneOn: z.string().nullable(),
  /** past its due date (by the server's clock) and not done */
  overdue: z.boolean(),
  /** done on or before its due date */
  onTime: z.boolean(),
  /** the accountability case opened because it was overdue */
  case: z.object({ id: z.number().int(), number: z.string(), state: z.string() }).nullable(),
}).meta({ id: 'ProjectMilestone' });

export const ProjectSchema = z.object({
  id: z.number().int(), campaign: z.string(), name: z.string(), ownerUnit: z.string(), ownerName: z.string(),
  leader: z.number().int().nullable(), leaderName: z.string().nullable(), team: z.string().nullable(), plannedInvestment: z.string().nullable(),
  milestones: z.array(MilestoneSchema),
  progress: z.array(z.object({
    id: z.number().int(), month: z.string(), text: z.string(), investment: z.string().nullable(), createdAt: z.iso.datetime(),
    /** evidence files */
    files: z.array(z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number().int() })),
  })),
  /** milestones done on time, of those done or past their due date (percent null: none yet) */
  onTime: z.object({ done: z.number().int(), due: z.number().int(), percent: z.string().nullable() }),
  /** the latest month's investment to date */
  investmentToDate: z.string().nullable(),
  overdue: z.boolean(),
}).meta({ id: 'Project' });
export type ProjectDto = z.infer<typeof ProjectSchema>;

export const StandingPoint = z.object({ period: z.string(), state: z.string(), total: z.number(), rank: z.number().int(), flags: z.array(z.string()) });
export const LeadershipSchema = z.object({
  leader: z.object({ id: z.number().int(), name: z.string() }),
  /** the units they lead (every unit when their grants name none) */
  units: z.array(z.object({
    id: z.string(), name: z.string(),
    /** every stored period, oldest first */
    trend: z.array(StandingPoint),
    /** flag names won and lost in the latest closed period against the closed period before */
    won: z.array(z.string()), lost: z.array(z.string()),
  })),
  allUnits: z.boolean(),
  indicators: z.array(z.object({ id: z.string(), name: z.string() })),
  commitments: z.array(CommitmentSchema),
  projects: z.array(ProjectSchema),
  visits: z.array(VisitSchema),
}).meta({ id: 'Leadership' });

export const SummaryRowSchema = z.object({
  leader: z.string(), unit: z.string(),
  /** flag name → closed periods held */
  flags: z.record(z.string(), z.number().int()),
  /** accountability rule name → closed periods it was issued */
  actions: z.record(z.string(), z.number().int()),
  commitmentsFulfilled: z.number().int(), commitmentsNot: z.number().int(), overdueMilestones: z.number().int(),
}).meta({ id: 'LeaderSummaryRow' });
