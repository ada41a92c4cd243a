// Upload progress for forms with class "upload-form". Without this script the
// forms post as usual; with it the browser shows how far an upload has got.
(() => {
  function setStatus(form, percent, text) {
    const box = form.querySelector('.upload-progress');
    if (!box) return;
    box.hidden = false;
    const bar = box.querySelector('progress');
    if (bar) {
      if (percent === null) bar.removeAttribute('value');
      else bar.value = percent;
    }
    const status = box.querySelector('.upload-status');
    if (status) status.textContent = text;
  }

  function showPage(html) {
    // The server answered with a page (a form error): show it as if the browser had posted.
    const doc = new DOMParser().parseFromString(html, 'text/html');
    document.replaceChild(document.adoptNode(doc.documentElement), document.documentElement);
    bind(document);
  }

  function onSubmit(event) {
    const form = event.currentTarget;
    const input = form.querySelector('input[type="file"]');
    const file = input?.files?.[0];
    const max = Number(form.dataset.maxBytes || '0');
    if (!file || typeof XMLHttpRequest === 'undefined') return; // let the browser do it
    event.preventDefault();
    if (max > 0 && file.size > max) {
      setStatus(form, 0, form.dataset.tooLarge || '');
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Accept', 'text/html');
    xhr.upload.addEventListener('progress', (e) => {
      const percent = e.lengthComputable ? Math.round((e.loaded / e.total) * 100) : null;
      setStatus(
        form,
        percent,
        (form.dataset.uploading || '').replace('{percent}', percent === null ? '…' : String(percent)),
      );
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300 && xhr.responseURL) {
        window.location.assign(xhr.responseURL);
      } else if (xhr.responseText) {
        showPage(xhr.responseText);
      } else {
        form.classList.remove('uploading');
        setStatus(form, 0, form.dataset.failed || '');
      }
    });
    xhr.addEventListener('error', () => {
      form.classList.remove('uploading');
      setStatus(form, 0, form.dataset.failed || '');
    });
    form.classList.add('uploading');
    setStatus(form, 0, (form.dataset.uploading || '').replace('{percent}', '0'));
    xhr.send(new FormData(form));
  }

  function bind(root) {
    for (const form of root.querySelectorAll('form.upload-form')) {
      form.addEventListener('submit', onSubmit);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => bind(document));
  else bind(document);
})();
