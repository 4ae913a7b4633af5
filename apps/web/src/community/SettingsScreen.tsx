/**
 * Server and channel settings over the whole window: the shared settings layer, with the
 * community styles their sections use.
 */
import './community.css';

export { SettingsLayer as SettingsScreen, type SettingsSection } from '../components/SettingsLayer.tsx';
