// The console's sign-in: the address `serve --new-room` printed carries the facilitator's
// token in its fragment (never sent to a server); it is posted once, then dropped from the
// address. Without a script, the token is pasted in the form.
"use strict";

(() => {
  const token = location.hash.slice(1);
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(token)) return;
  history.replaceState(null, "", location.pathname + location.search);
  const form = document.getElementById("sign-in");
  if (!form || document.getElementById("problem")) return; // a refused token: not again
  document.getElementById("token").value = token;
  form.submit();
})();
