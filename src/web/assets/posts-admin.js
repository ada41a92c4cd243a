// Post editor: a live preview of the Markdown (the server renders and
// sanitises it), and live counts while a newsletter is being sent. Without
// this script the Preview button and a page reload do the same.
(() => {
  const body = document.querySelector('textarea[data-preview-url]');
  const box = body && document.getElementById(body.dataset.preview || '');
  const csrf = document.querySelector('form.post-editor input[name="_csrf"]');
  if (body && box && csrf && window.fetch) {
    let timer;
    let last = '';
    const update = async () => {
      if (body.value === last) return;
      last = body.value;
      try {
        const res = await fetch(body.dataset.previewUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf.value },
          body: JSON.stringify({ markdown: body.value }),
          credentials: 'same-origin',
        });
        if (res.ok) box.innerHTML = (await res.json()).html; // sanitised on the server
      } catch {
        // keep the last preview
      }
    };
    body.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(update, 400);
    });
  }

  const panel = document.querySelector('.send-progress[data-progress-url]');
  if (panel && window.fetch) {
    const poll = async () => {
      try {
        const res = await fetch(panel.dataset.progressUrl, { headers: { accept: 'application/json' } });
        if (!res.ok) return;
        const data = await res.json();
        for (const [status, n] of Object.entries(data.counts)) {
          const el = panel.querySelector(`[data-count="${status}"]`);
          if (el) (el.querySelector('a') || el).textContent = String(n);
        }
        const label = panel.querySelector('[data-field="status"]');
        if (label) label.textContent = data.label;
        if (data.status !== 'done') setTimeout(poll, 2000);
      } catch {
        setTimeout(poll, 5000);
      }
    };
    setTimeout(poll, 1000);
  }
})();
