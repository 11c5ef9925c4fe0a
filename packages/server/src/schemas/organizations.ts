// Organization shapes of the API: the tree of organizations (县委组织部 → 乡镇党委 → 村/社区; 县直部门).
import { z } from 'zod';
import { ORGANIZATION_KINDS } from '../db/schema.ts';

export const OrganizationKindSchema = z.enum(ORGANIZATION_KINDS);

export const OrganizationSchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  kind: OrganizationKindSchema,
}).meta({ id: 'Organization' });
export type OrganizationDto = z.infer<typeof OrganizationSchema>;

export const OrganizationIdParams = z.object({ orgId: z.coerce.number().int().positive().max(2147483647) });

export const NewOrganizationBody = z.object({
  parentId: z.number().int().positive().max(2147483647),
  name: z.string().trim().min(1).max(100),
  kind: OrganizationKindSchema,
});

export const OrganizationPatchBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  kind: OrganizationKindSchema.optional(),
});
