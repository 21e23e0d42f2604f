/**
 * Browser commands of the element tests (run in Node, on the Playwright page; `commands` from
 * `vitest/browser` calls them). Registered in vite.config.ts.
 */
import type { Route } from 'playwright';
import type { BrowserCommand } from 'vitest/node';

/**
 * Makes the next `times` loads of a module whose URL contains `path`, by the calling test file's
 * frame only, fail as they would from an origin that is down (connection refused).
 */
export const failModuleLoads: BrowserCommand<[path: string, times: number]> = async (ctx, path, times) => {
  const frame = await ctx.frame();
  let left = times;
  await ctx.page.route(
    (url) => url.pathname.includes(path),
    (route: Route) => {
      if (left > 0 && route.request().frame() === frame) {
        left--;
        return route.abort('connectionrefused');
      }
      return route.fallback();
    },
  );
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    failModuleLoads: (path: string, times: number) => Promise<void>;
  }
}
