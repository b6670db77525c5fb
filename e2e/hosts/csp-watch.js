// Records every Content Security Policy violation, for the test to read.
window.violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`);
});
