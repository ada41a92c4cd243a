// The subscribe page's Copy button: copies the private feed URL and says so.
// Without script the button stays hidden and the read-only field can be selected by hand.
(() => {
  for (const button of document.querySelectorAll('button[data-copy]')) {
    const input = document.getElementById(button.dataset.copy);
    if (!input) continue;
    button.hidden = false;
    button.addEventListener('click', async () => {
      input.select();
      try {
        await navigator.clipboard.writeText(input.value);
      } catch {
        document.execCommand('copy');
      }
      button.textContent = button.dataset.copied;
    });
  }
})();
