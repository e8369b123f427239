export { CasesPage } from './list/CasesPage';
export { CasePage } from './detail/CasePage';
