import 'reflect-metadata';
import { loadConfig, runHeadless } from '@arrears/platform';
import { ProjectorAppModule } from './projector-app.module';

/** Runs the projections in a process of their own (`npm run start:projector`). */
runHeadless('Projector', () => {
  const config = { ...loadConfig(process.env, 'projector'), runProjector: true };
  return { config, module: ProjectorAppModule.forRoot(config) };
});
