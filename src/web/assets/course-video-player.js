// Lesson videos: Safari plays HLS natively, other browsers through hls.js
// (loaded before this file). Resumes at data-start-at, offers a playback
// speed, and reports progress to data-progress-url every 15 s and on
// pause/end. Texts come from data attributes.
(() => {
  const REPORT_MS = 15000;

  function showError(video, text) {
    const box = video.closest('.lesson-video')?.querySelector('.lesson-video-error');
    if (!box) return;
    box.textContent = text || '';
    box.hidden = false;
  }

  function attach(video) {
    const src = video.dataset.hlsSrc;
    const startAt = Number(video.dataset.startAt || '0');
    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      if (startAt > 0) video.addEventListener('loadedmetadata', () => (video.currentTime = startAt), { once: true });
      if (!video.currentSrc) video.src = src;
      return;
    }
    const Hls = window.Hls;
    if (!Hls?.isSupported()) return showError(video, video.dataset.unsupportedText);
    const hls = new Hls({ startPosition: startAt > 0 ? startAt : -1 });
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal) return;
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR) return hls.recoverMediaError();
      // A 403 means the link expired or access ended: a reload fetches a fresh link (or shows why not).
      showError(video, video.dataset.errorText);
      hls.destroy();
    });
    hls.loadSource(src);
    hls.attachMedia(video);
  }

  function bindSpeed(video) {
    const select = document.getElementById(video.dataset.speedSelect || '');
    if (!select) return;
    const saved = localStorage.getItem('vf-video-speed');
    if (saved && [...select.options].some((o) => o.value === saved)) select.value = saved;
    const apply = () => {
      video.playbackRate = Number(select.value);
      localStorage.setItem('vf-video-speed', select.value);
    };
    select.addEventListener('change', apply);
    video.addEventListener('loadedmetadata', apply);
    apply();
  }

  function bindProgress(video) {
    const url = video.dataset.progressUrl;
    if (!url) return;
    let watched = 0;
    let lastTime = null;
    let lastSent = Date.now();
    video.addEventListener('timeupdate', () => {
      const t = video.currentTime;
      // Only time that played counts: a jump (seek) is not watching.
      if (lastTime !== null && !video.seeking && t > lastTime && t - lastTime < 2 * video.playbackRate + 1) {
        watched += t - lastTime;
      }
      lastTime = t;
      if (!video.paused && Date.now() - lastSent >= REPORT_MS) send();
    });
    video.addEventListener('seeking', () => (lastTime = null));
    const send = () => {
      lastSent = Date.now();
      const body = JSON.stringify({
        position_seconds: Math.floor(video.currentTime),
        duration_seconds: Math.floor(video.duration || 0),
        watched_seconds: Math.round(watched),
      });
      watched = 0;
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': video.dataset.csrf || '' },
        body,
        keepalive: true,
        credentials: 'same-origin',
      }).catch(() => {});
    };
    video.addEventListener('pause', send);
    video.addEventListener('ended', send);
    window.addEventListener('pagehide', () => watched > 0 && send());
  }

  for (const video of document.querySelectorAll('video[data-hls-src]')) {
    attach(video);
    bindSpeed(video);
    bindProgress(video);
  }
})();
