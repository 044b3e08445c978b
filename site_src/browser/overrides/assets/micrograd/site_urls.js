// Where the site's files are, seen from this folder (assets/micrograd/) of the built site.

const root = new URL("../../", import.meta.url);
// Each module's URL carries the build's version of the site's assets (`?v=`): the files they fetch get it too.
export const asset = (name) => new URL(`${name}${new URL(import.meta.url).search}`, import.meta.url).href;
export const runtimeURL = (path) => new URL(`runtime/${path}`, root).href;
// What the build wrote into the page's <meta name="micrograd-NAME" content="...">.
export const meta = (name) => document.querySelector(`meta[name="micrograd-${name}"]`).content;
