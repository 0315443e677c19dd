import { z } from 'zod';
import { CategoryCode } from './complaints.js';
import { Language, Limit, RequiredText } from './common.js';

export const KNOWLEDGE_KINDS = ['answer', 'script'] as const;

export const KnowledgeCreateInput = z.object({
  kind: z.enum(KNOWLEDGE_KINDS),
  category: CategoryCode,
  language: Language,
  title: RequiredText(200),
  body: RequiredText(20000),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  enabled: z.boolean().default(true),
});
export type KnowledgeCreateInput = z.input<typeof KnowledgeCreateInput>;

export const KnowledgeUpdateInput = KnowledgeCreateInput.partial().refine(
  (v) => Object.keys(v).length > 0,
  { message: 'nothing to update' },
);
export type KnowledgeUpdateInput = z.input<typeof KnowledgeUpdateInput>;

export const KnowledgeSearchQuery = z.object({
  q: z.string().trim().max(100).optional(),
  category: CategoryCode.optional(),
  language: Language.optional(),
  kind: z.enum(KNOWLEDGE_KINDS).optional(),
  limit: Limit,
});
export type KnowledgeSearchQuery = z.input<typeof KnowledgeSearchQuery>;
