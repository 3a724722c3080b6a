"""Reads a session cookie with the framework's own reader; prints the session as JSON, or exits non-zero.

usage: read_session_cookie.py flask|django SECRET VALUE
"""
import json
import sys

framework, secret, value = sys.argv[1:4]

if framework == 'flask':
    from flask import Flask

    app = Flask(__name__)
    app.secret_key = secret
    with app.test_request_context():
        print(json.dumps(app.session_interface.get_signing_serializer(app).loads(value)))
elif framework == 'django':
    from django.conf import settings

    settings.configure(SECRET_KEY=secret)
    from django.core import signing

    print(json.dumps(signing.loads(value, salt='django.contrib.sessions.backends.signed_cookies')))
else:
    sys.exit(f'unknown framework {framework}')
