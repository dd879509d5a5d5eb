import { render } from 'preact';
import { browserEnv } from '../ui/browser-env';
import { EnvContext } from '../ui/env';
import '../ui/styles.css';
import { Options } from './Options';

render(
  <EnvContext.Provider value={browserEnv()}>
    <Options />
  </EnvContext.Provider>,
  document.getElementById('app')!,
);
