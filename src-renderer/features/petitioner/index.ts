export { PetitionerPage } from './PetitionerPage';
