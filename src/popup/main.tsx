import { render } from 'preact';
import { browserEnv } from '../ui/browser-env';
import { EnvContext } from '../ui/env';
import '../ui/styles.css';
import { Popup } from './Popup';

performance.mark('advocate:popup-start'); // after the modules loaded: splits browser cost from ours
const markFirstRender = () => performance.mark('advocate:first-render');

render(
  <EnvContext.Provider value={browserEnv()}>
    <Popup onFirstRender={markFirstRender} />
  </EnvContext.Provider>,
  document.getElementById('app')!,
);
