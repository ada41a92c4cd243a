// The subscribe page's Copy button, added by this script: without script there
// is no button that could not work, and the read-only field is selected by hand.
(() => {
  for (const input of document.querySelectorAll('input[data-copy-label]')) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = input.dataset.copyLabel;
    button.addEventListener('click', async () => {
      input.select();
      try {
        await navigator.clipboard.writeText(input.value);
      } catch {
        document.execCommand('copy');
      }
      button.textContent = input.dataset.copiedLabel;
    });
    input.after(button);
  }
})();
