// Apply the remembered theme before the first paint (no flash of the wrong theme). A classic
// script in its own file, not inline: the dashboard runs under a CSP with script-src 'self'.
try {
  var t = JSON.parse(localStorage.getItem('telltale.settings') || '{}').theme;
  if (t === 'light' || t === 'dark') document.documentElement.style.colorScheme = t;
} catch (e) {}
