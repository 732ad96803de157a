// Report button: asks CmBot to post the digest of the last 7 days into #cm-alerts, as the person acting.
const button = document.getElementById('report-7d');
if (button) {
  button.addEventListener('click', async () => {
    const personId = document.getElementById('acting-as')?.value;
    button.disabled = true;
    try {
      const response = await fetch('/sandbox/api/report', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ personId, period: button.dataset.period || '7d' }),
      });
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        window.alert(problem.detail || `Report failed (${response.status})`);
      }
    } finally {
      button.disabled = false;
    }
  });
}
