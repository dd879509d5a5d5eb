import { render } from 'preact';

render(<main><h1>Advocate</h1></main>, document.getElementById('app')!);
