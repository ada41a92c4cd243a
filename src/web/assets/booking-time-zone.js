// The booking page lists slots in the visitor's own time zone: on the first
// visit (no d.tz in the address) it reloads once with the browser's zone.
// Without script the visitor picks the zone in the form.
(() => {
  const url = new URL(window.location.href);
  if (url.searchParams.has('d.tz')) return;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  url.searchParams.set('d.tz', zone);
  window.location.replace(url.toString());
})();
