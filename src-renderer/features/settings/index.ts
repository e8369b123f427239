export { CalendarBanner } from './CalendarBanner';
export { SettingsPage } from './SettingsPage';
