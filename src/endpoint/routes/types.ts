import type { App } from '../app';
import type { Route, RouteContext } from '../http/router';

export type AppRoute = Route<App>;
export type Ctx = RouteContext<App>;
