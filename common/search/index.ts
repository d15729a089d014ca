export { ProgrammeSearchIndex } from './programme-search.js';
export { WELFARE_THESAURUS, type ThesaurusEntry } from './thesaurus.js';
export { analyseQuery } from './query-analysis.js';
