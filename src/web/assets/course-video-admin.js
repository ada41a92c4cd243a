// The admin's lesson video panel: a resumable upload in 8 MB chunks with a
// progress bar (without this script the form posts the whole file), and the
// transcoding progress, polled until the video is ready or failed.
(() => {
  const CHUNK = 8 * 1024 * 1024;
  const RETRIES = 8;
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  function status(form, percent, text) {
    const box = form.querySelector('.upload-progress');
    box.hidden = false;
    if (percent !== null) box.querySelector('progress').value = percent;
    box.querySelector('.upload-status').textContent = text;
  }

  async function api(method, url, csrf, body) {
    const res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: body && JSON.stringify(body),
    });
    return res;
  }

  function putChunk(url, csrf, blob, start, total, onProgress) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('PUT', url);
      xhr.setRequestHeader('content-type', 'application/octet-stream');
      xhr.setRequestHeader('content-range', `bytes ${start}-${start + blob.size - 1}/${total}`);
      xhr.setRequestHeader('x-csrf-token', csrf);
      xhr.setRequestHeader('accept', 'application/json');
      xhr.upload.addEventListener('progress', (e) => onProgress(e.loaded));
      xhr.addEventListener('load', () =>
        resolve({ status: xhr.status, offset: Number(xhr.getResponseHeader('upload-offset')) }),
      );
      xhr.addEventListener('error', () => resolve({ status: 0 }));
      xhr.send(blob);
    });
  }

  async function offsetOf(url, csrf) {
    const res = await fetch(url, { method: 'HEAD', credentials: 'same-origin', headers: { 'x-csrf-token': csrf } });
    return res.ok ? Number(res.headers.get('upload-offset')) : null;
  }

  async function upload(form, file) {
    const csrf = form.querySelector('input[name="_csrf"]').value;
    const lessonId = form.querySelector('input[name="lessonId"]').value;
    const memo = `vf-video-upload:${lessonId}:${file.name}:${file.size}:${file.lastModified}`;
    let url = localStorage.getItem(memo);
    let offset = url ? await offsetOf(url, csrf) : null;
    if (offset === null) {
      const res = await api('POST', form.dataset.startUrl, csrf, {
        lessonId,
        fileName: file.name,
        totalBytes: file.size,
      });
      if (!res.ok) throw new Error(String(res.status));
      url = (await res.json()).uploadUrl;
      localStorage.setItem(memo, url);
      offset = 0;
    }
    let failures = 0;
    while (offset < file.size) {
      const blob = file.slice(offset, Math.min(offset + CHUNK, file.size));
      const show = (sent) => {
        const percent = Math.floor(((offset + sent) / file.size) * 100);
        status(form, percent, form.dataset.uploading.replace('{percent}', String(percent)));
      };
      const r = await putChunk(url, csrf, blob, offset, file.size, show);
      if (r.status === 200 || r.status === 409) {
        offset = r.offset;
        failures = 0;
        continue;
      }
      if (r.status >= 400 && r.status < 500 && r.status !== 408) throw new Error(String(r.status));
      if (++failures > RETRIES) throw new Error('network');
      status(form, null, form.dataset.resuming);
      await sleep(Math.min(30000, 1000 * 2 ** failures));
      offset = (await offsetOf(url, csrf)) ?? offset;
    }
    localStorage.removeItem(memo);
  }

  for (const form of document.querySelectorAll('form.video-upload-form')) {
    form.addEventListener('submit', (event) => {
      const file = form.querySelector('input[type="file"]').files[0];
      if (!file || !window.fetch || !file.slice) return; // the plain form post
      event.preventDefault();
      if (file.size > Number(form.dataset.maxBytes)) return status(form, 0, form.dataset.tooLarge);
      form.querySelector('button[type="submit"]').disabled = true;
      upload(form, file).then(
        () => {
          status(form, 100, form.dataset.done);
          setTimeout(() => window.location.reload(), 800);
        },
        () => {
          status(form, null, form.dataset.failed);
          form.querySelector('button[type="submit"]').disabled = false;
        },
      );
    });
  }

  // Transcoding progress: poll while the job runs, reload once it is done.
  for (const box of document.querySelectorAll('.video-status[data-status-url]')) {
    const poll = async () => {
      const res = await fetch(box.dataset.statusUrl, {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (!res.ok) return;
      const s = await res.json();
      if (s.status === 'ready' || s.status === 'failed') return window.location.reload();
      const bar = box.querySelector('progress');
      if (bar) bar.value = s.progress;
      box.querySelector('.video-status-text').textContent = box.dataset.progressText.replace(
        '{percent}',
        String(s.progress),
      );
      setTimeout(poll, 3000);
    };
    setTimeout(poll, 3000);
  }
})();
