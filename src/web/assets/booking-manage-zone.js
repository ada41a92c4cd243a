// The booking page shows the session in the visitor's own time zone: without
// ?tz= in the address it reloads once with the browser's zone.
(() => {
  const url = new URL(window.location.href);
  if (url.searchParams.has('tz')) return;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  url.searchParams.set('tz', zone);
  window.location.replace(url.toString());
})();
