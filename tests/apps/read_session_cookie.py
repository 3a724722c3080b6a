"""Reads a cookie with the framework's own reader; prints what the app gets as JSON, or exits non-zero.

usage: read_session_cookie.py FRAMEWORK SECRET VALUE [NAME]

flask, django: the session backends' loads. itsdangerous: URLSafeTimedSerializer.loads. flask-login: a Flask app
with LoginManager gets a request carrying only the remember cookie NAME=VALUE (as sent) and prints the user id it
logs in, or null. flask-session: a Flask-Session app (SESSION_USE_SIGNER, its filesystem store holding a session
for the id $SESSION_ID) gets a request with the cookie and prints the session it opens. django-signed: request.get_signed_cookie
(salt $SALT) on a RequestFactory request. jwt: PyJWT's jwt.decode (HS256).
"""
import json
import os
import sys
import tempfile

framework, secret, value = sys.argv[1:4]
name = sys.argv[4] if len(sys.argv) > 4 else None


def flask_login_user(secret, cookie):
    from flask import Flask
    from flask_login import LoginManager, UserMixin, current_user

    app = Flask(__name__)
    app.secret_key = secret
    login_manager = LoginManager(app)

    class User(UserMixin):
        def __init__(self, user_id):
            self.id = user_id

    login_manager.user_loader(User)

    @app.get('/')
    def whoami():
        return json.dumps(current_user.get_id())

    response = app.test_client(use_cookies=False).get('/', headers={'Cookie': cookie})
    return json.loads(response.get_data(as_text=True))


def flask_session_data(secret, cookie):
    from flask import Flask, session
    from flask_session import Session

    app = Flask(__name__)
    app.secret_key = secret
    app.config.update(SESSION_TYPE='filesystem', SESSION_USE_SIGNER=True, SESSION_FILE_DIR=tempfile.mkdtemp())
    Session(app)
    interface = app.session_interface
    interface.cache.set(interface.key_prefix + os.environ['SESSION_ID'], {'user': 'zoë', 'cart': [1, 2]})

    @app.get('/')
    def read():
        return json.dumps(dict(session))

    response = app.test_client(use_cookies=False).get('/', headers={'Cookie': cookie})
    return json.loads(response.get_data(as_text=True))


if framework == 'flask':
    from flask import Flask

    app = Flask(__name__)
    app.secret_key = secret
    with app.test_request_context():
        print(json.dumps(app.session_interface.get_signing_serializer(app).loads(value)))
elif framework == 'itsdangerous':
    from itsdangerous import URLSafeTimedSerializer

    print(json.dumps(URLSafeTimedSerializer(secret).loads(value)))
elif framework == 'flask-login':
    print(json.dumps(flask_login_user(secret, f'{name}={value}')))
elif framework == 'flask-session':
    print(json.dumps(flask_session_data(secret, f'{name}={value}')))
elif framework in ('django', 'django-signed'):
    from django.conf import settings

    settings.configure(SECRET_KEY=secret, ALLOWED_HOSTS=['testserver'])
    import django

    django.setup()
    if framework == 'django':
        from django.core import signing

        print(json.dumps(signing.loads(value, salt='django.contrib.sessions.backends.signed_cookies')))
    else:
        from django.test import RequestFactory

        request = RequestFactory().get('/', HTTP_COOKIE=f'{name}={value}')
        print(json.dumps(request.get_signed_cookie(name, salt=os.environ.get('SALT', ''))))
elif framework == 'jwt':
    import jwt

    print(json.dumps(jwt.decode(value, secret, algorithms=['HS256'])))
else:
    sys.exit(f'unknown framework {framework}')
