#!/usr/bin/python3
"""The classic Flask tutorial login app, for end-to-end tests.

    /usr/bin/python3 tests/apps/flask_login_app.py --port 0

Secret from $SESSION_LENS_SECRET (default "dev-e2e-secret"). Binds 127.0.0.1 only,
prints "READY http://127.0.0.1:<port>" once listening, then serves until killed.
"""

import argparse
import json
import os
import time

import jwt
from flask import Flask, abort, jsonify, redirect, render_template_string, request, session, url_for
from markupsafe import Markup
from werkzeug.serving import make_server

app = Flask(__name__)
app.secret_key = os.environ.get("SESSION_LENS_SECRET", "dev-e2e-secret")

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><h1>{{ title }}</h1>{{ body }}</body></html>"""


def page(title, body):
    return render_template_string(PAGE, title=title, body=body)


@app.get("/")
def index():
    links = (
        '<ul><li><a href="/login">Log in</a></li>'
        '<li><a href="/profile">Profile</a></li>'
        '<li><a href="/logout">Log out</a></li></ul>'
    )
    return page("Home", Markup(links))


@app.get("/login")
def login_form():
    form = (
        '<form method="post" action="/login">'
        '<label>Username <input name="username" id="username"></label> '
        '<label>Email <input name="email" id="email" type="email"></label> '
        '<button type="submit" id="login">Log in</button>'
        "</form>"
    )
    return page("Log in", Markup(form))


@app.post("/login")
def login():
    session["username"] = request.form.get("username", "")
    session["email"] = request.form.get("email", "")
    # Every new login is a viewer: an "admin" role only comes from an edited session (the e2e's forgery).
    session["role"] = "viewer"
    return redirect(url_for("profile"))


@app.get("/profile")
def profile():
    if "username" in session:
        role = Markup('<p id="role">Role: %s</p>') % session.get("role", "none")
        change = Markup(
            '<form method="post" action="/role"><label>New role <input name="role" id="new-role"></label> '
            '<button type="submit" id="change-role">Change role</button></form>'
        )
        return page("Profile", role + change + f"Logged in as {session['username']}")
    return page("Profile", "Not logged in")


@app.post("/role")
def change_role():
    # The app itself changing a logged-in user's role (the history e2e follows it): a new signed session.
    if "username" in session:
        session["role"] = request.form.get("role", "viewer")
    return redirect(url_for("profile"))


@app.get("/logout")
def logout():
    session.pop("username", None)
    session.pop("email", None)
    session.pop("role", None)
    return redirect(url_for("index"))


# A single-page app's way: a JWT signed with the app's secret, kept in localStorage by the page's script and sent
# as a Bearer header to the API, which verifies it.
SPA_SCRIPT = """<p id="me">Loading…</p><script>
localStorage.setItem("spa_token", %s);
fetch("/api/me", {headers: {Authorization: "Bearer " + localStorage.getItem("spa_token")}})
  .then((response) => response.json())
  .then((me) => { document.getElementById("me").textContent = "API says: " + me.sub + " (" + me.role + ")"; });
</script>"""


@app.get("/spa")
def spa():
    if "username" not in session:
        return redirect(url_for("login_form"))
    claims = {"sub": session["username"], "role": session.get("role", "viewer"), "exp": int(time.time()) + 3600}
    token = jwt.encode(claims, app.secret_key, algorithm="HS256")
    # A compact JWT is base64url and dots only: as a JSON string it is safe inside the script.
    return page("SPA", Markup(SPA_SCRIPT % json.dumps(token)))


@app.get("/api/me")
def api_me():
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme != "Bearer":
        abort(401)
    try:
        claims = jwt.decode(token, app.secret_key, algorithms=["HS256"])
    except jwt.InvalidTokenError:
        abort(401)
    return jsonify(sub=claims["sub"], role=claims["role"])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    args = parser.parse_args()
    # Threaded: browsers open connections they send nothing on yet (Chromium preconnects to the tab's origin). A
    # single-threaded server waits on such a socket and every other request, another tab's included, hangs behind it.
    server = make_server("127.0.0.1", args.port, app, threaded=True)
    print(f"READY http://127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
