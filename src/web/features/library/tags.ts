import type { EXPERIENCE_TAGS as ContractTags } from '../../../contracts/accounts.js';

/** The lived-experience tags, repeated as plain data: importing the contract would bring zod into this chunk. */
export const EXPERIENCE_TAGS: readonly (typeof ContractTags)[number][] = ['anxiety', 'depression', 'grief_and_loss', 'bipolar', 'ptsd_and_trauma', 'eating_difficulties', 'substance_use', 'self_harm', 'suicidal_thoughts', 'psychosis', 'ocd', 'adhd', 'autism', 'loneliness', 'caring_for_someone', 'lgbtq', 'student_life', 'work_stress', 'chronic_illness', 'relationships', 'parenting', 'postnatal'];
