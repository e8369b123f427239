export { MattersPage } from './list/MattersPage';
export { MatterPage } from './detail/MatterPage';
