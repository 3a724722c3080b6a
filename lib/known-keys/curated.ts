/**
 * Publicly known session / token signing secrets.
 *
 * How this list was compiled: by hand, from framework documentation and bundled examples
 * (Flask docs incl. historical versions, Flask extension READMEs, Django test settings and
 * project templates, Express/Koa/Fastify/hapi session middleware READMEs, jwt.io, JWT library
 * READMEs, FastAPI/NestJS/JHipster docs, Rails/Sinatra/Laravel/Symfony/Tornado/Pyramid defaults),
 * from default keys shipped by open-source apps, from placeholder values that recur in
 * tutorials and public sample code, and from short lists of very common passwords.
 * Values were checked against the public docs and code where possible.
 *
 * Use: Session Lens tries these keys locally to warn the user that a session cookie is signed
 * with a publicly known secret. The list ships with the extension/CLI and is only used for that
 * local check: nothing is ever sent anywhere.
 *
 * Layout: each group is one string of entries separated by "\n", in source order,
 * with no duplicates across groups (an entry is kept in its most specific group). Entries that
 * are raw bytes (not text) live in KNOWN_BYTE_SECRETS as hex.
 */

/** Where a group of known secrets comes from. */
interface KnownSecretSource {
  id: string;
  title: string;
  url?: string;
}

export const KNOWN_SECRET_SOURCES: readonly KnownSecretSource[] = [
  { id: "flask-docs", title: "Flask documentation and bundled examples (current and historical)", url: "https://flask.palletsprojects.com/en/stable/config/" },
  { id: "flask-extensions", title: "Flask extension docs and examples (Flask-Login, Flask-Security-Too, Flask-JWT-Extended, Flask-SocketIO, Flask-User, Flask-Admin, Flask-Dance, Flask-HTTPAuth)", url: "https://flask-login.readthedocs.io/en/latest/" },
  { id: "flask-tutorials", title: "Flask books and tutorials (Miguel Grinberg's Flask Mega-Tutorial and Flask Web Development, common tutorial code)", url: "https://blog.miguelgrinberg.com/post/the-flask-mega-tutorial-part-iii-web-forms" },
  { id: "django-docs", title: "Django test settings, project templates and placeholder keys from Django tutorials and guides", url: "https://docs.djangoproject.com/en/stable/ref/settings/#secret-key" },
  { id: "express-docs", title: "Express / Connect / Koa / Fastify / hapi documentation and examples (express-session, cookie-session, cookie-parser, koa-session, @fastify/session, @hapi/yar, iron-session)", url: "https://github.com/expressjs/session#readme" },
  { id: "jwt-docs", title: "JWT library docs and tutorials (jwt.io debugger, jsonwebtoken, PyJWT, python-jose, jwt-simple, FastAPI, NestJS, JHipster)", url: "https://jwt.io/" },
  { id: "rails-docs", title: "Ruby: Rails test suite / docs, Sinatra and Rack examples", url: "https://guides.rubyonrails.org/security.html" },
  { id: "laravel-docs", title: "Laravel / Lumen / PHP framework defaults (config/app.php, .env.example, Symfony, CakePHP)", url: "https://laravel.com/docs/encryption" },
  { id: "other-framework-docs", title: "Other framework docs and examples (Tornado, Pyramid, Bottle, Gorilla/Gin/Echo, Play, Plug/Phoenix, Strapi, Payload)", url: "https://www.tornadoweb.org/en/stable/guide/security.html" },
  { id: "app-defaults", title: "Default keys shipped by open-source applications (Superset, Airflow, Redash, Sentry, Grafana)" },
  { id: "tutorial-placeholders", title: "Placeholder and example values left in tutorials, READMEs, .env.example files and CTF challenges" },
  { id: "common-weak", title: "Very common passwords and words (top password lists, keyboard walks) that people reuse as keys" },
  { id: "react-router-docs", title: "React Router (Remix) docs, Sessions and Cookies: the createCookieSessionStorage example", url: "https://reactrouter.com/explanation/sessions-and-cookies" },
  { id: "supabase-cli", title: "Supabase CLI: the JWT secret of every local project (`supabase start`, pkg/config/apikeys.go defaultJwtSecret)", url: "https://github.com/supabase/cli/blob/develop/pkg/config/apikeys.go" },
];

/**
 * Publicly known secrets, grouped by source id. Each group is one string of entries separated by "\n"
 * (compact to ship), in the order the source gives them.
 */
export const KNOWN_SECRETS_BY_SOURCE: Readonly<Record<string, string>> = {
  "flask-docs": [
    "dev", "192b9bdd22ab9ed4d12e236c78afcb9a393ec15f71bbf5dc987d54727823bcbf",
    "5f352379324c22463451387a0aec5d2f", "A0Zr98j/3yX R~XHH!jmN]LWX/,?RT", "development key",
    "devkey", "dev key", "development-key", "my development key", "some_secret", "testkey",
    "test key", "testing", "the secret key", "secret_key", "config", "foo",
  ].join('\n'),
  "flask-extensions": [
    "super secret string", "super-secret", "pf9Wkove4IKEAXvy-cQkeDPhv9Cb3Ag-wyJILbq_dFw",
    "146585145368132386173505678016728509634", "secret!",
    "This is an INSECURE secret!! DO NOT use this in production!!", "THIS IS AN INSECURE SECRET",
    "yeah, not actually a secret", "123456790", "supersekrit", "top secret!",
    "the quick brown fox jumps over the lazy dog",
  ].join('\n'),
  "flask-tutorials": [
    "you-will-never-guess", "you-will-never-guesss", "hard to guess string",
    "hard to guess phrase DO NOT USE IN PRODUCTION", "dev-secret-key-change-in-production",
    "dev-secret", "dev-secret-key", "dev_key", "dev-key", "default-secret", "mysecret123",
    "your-secret-key-here", "your secret key goes here", "this_is_bad_secret_key",
    "flask_app_secret", "super secret key", "super secret", "secret_",
    "secretkeyfordevelopmentonly*fordevelopment", "my-secret-key", "someSecureSecretKey",
    "86A611287CE4DC76545575687F84F",
  ].join('\n'),
  "django-docs": [
    "django_tests_secret_key", "!!!SET DJANGO_SECRET_KEY!!!",
    "p0lx_5n@$+2yyc&(bz!t=t&*w55ed#-wecor+brcf#2k^h(bl!", "django-insecure-change-me",
    "django-insecure-change-this-in-production", "django-insecure-dev-key",
    "django-insecure-dev-key-12345", "django-insecure-example-key-change-in-production",
    "django-insecure-fallback-secret-key-for-dev-only",
    "django-insecure-dev-placeholder-change-in-production", "django-insecure-abc123",
    "django-insecure-key", "django-insecure-secret-key", "django-insecure-your-secret-key-here",
    "django-insecure-replace-me", "django-insecure-changeme", "django-insecure-test-key",
    "django-insecure-development-key", "my-super-secret-key", "your_secret_key_here",
    "your-django-secret-key", "django-secret-key", "django_secret_key", "DJANGO_SECRET_KEY",
  ].join('\n'),
  "express-docs": [
    "keyboard cat", "shhhh, very secret", "manny is cool", "my secret here", "some secret here",
    "key1", "key2", "MEAN", "some secret hurr", "im a newer secret", "i like turtle",
    "a secret with minimum length of 32 characters", "averylogphrasebiggerthanthirtytwochars",
    "mq9hDxBVDbspDR6n", "my-secret", "the-password-must-be-at-least-32-characters-long",
    "!wsYhFA*C2U6nz=Bu^%A@^F#SF3&kSR6", "complex_password_at_least_32_characters_long",
    "at-least-32-characters-long-password", "-- EXAMPLE COOKIE SECRET; CHANGE ME --",
    "this-is-secret",
  ].join('\n'),
  "jwt-docs": [
    "your-256-bit-secret", "your-384-bit-secret", "your-512-bit-secret", "shhhhh", "secret", "xxx",
    "fe1a1915a379f3be5394b64d14794932",
    "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7",
    "DO NOT USE THIS VALUE. INSTEAD, CREATE A COMPLEX SECRET AND KEEP IT SAFE OUTSIDE OF THE SOURCE CODE.",
    "secretKey", "my-secret-key-which-should-be-changed-in-production-and-be-base64-encoded",
    "my-secret-token-to-change-in-production", "bezKoderSecretKey", "bezkoder-secret-key",
    "javainuse", "somerandomjwtsecret", "jwt-secret", "jwt_secret", "jwtSecret", "JWT_SECRET",
    "jwtsecret", "my-jwt-secret", "your-jwt-secret", "your_jwt_secret", "your-jwt-secret-key",
    "your_jwt_secret_key", "jwt-secret-key", "jwt_secret_key", "JWT_SECRET_KEY", "supersecretjwt",
  ].join('\n'),
  "rails-docs": [
    "b3c631c314c0bbca50c1b2843150fe33", "3b7cd727ee24e8444053437c36cc66c4", "change_me",
    "secret_key_base", "SECRET_KEY_BASE",
    // Rack::Session::Cookie's doc comment (rack 2.2, lib/rack/session/cookie.rb): :secret => 'change_me', :old_secret => 'also_change_me'
    "also_change_me",
  ].join('\n'),
  "laravel-docs": [
    "SomeRandomString", "YourSecretKey!!!", "SomeRandomKey!!!", "ThisTokenIsNotSoSecretChangeIt",
    "DYhG93b0qyJfIxfs2guVoUubWwvniR2G0FgaC9mi", "76859309657453542496749683645", "base64:",
    "APP_KEY",
  ].join('\n'),
  "other-framework-docs": [
    "__TODO:_GENERATE_YOUR_OWN_RANDOM_VALUE_HERE__", "itsaseekreet", "some-secret-key",
    "something-very-secret", "secret-key", "changeme", "-- LONG STRING WITH AT LEAST 64 BYTES --",
    "tobemodified", "toBeModified1", "toBeModified2", "YOUR_SECRET_HERE",
  ].join('\n'),
  "app-defaults": [
    "CHANGE_ME_TO_A_COMPLEX_RANDOM_SECRET", "TEST_NON_DEV_SECRET", "temporary_key",
    "c292a0a3aa32397cdb050e233733900f", "!!changeme!!", "SW2YcwTIb9zpOOhoPsMm",
  ].join('\n'),
  "tutorial-placeholders": [
    "supersecretkey", "super-secret-key", "super_secret_key", "SuperSecretKey", "supersecret",
    "super_secret", "SUPER_SECRET_KEY", "SuperSecret", "secretkey", "SecretKey", "SECRET_KEY",
    "SECRETKEY", "secret key", "Secret Key", "mysecretkey", "my_secret_key", "MySecretKey",
    "my secret key", "mysecret", "my_secret", "MySecret", "my secret", "any random string",
    "anyrandomstring", "random string", "random_string", "random-string", "randomstring",
    "some random string", "somerandomstring", "this-is-a-secret", "this is a secret",
    "thisisasecret", "this_is_a_secret", "ThisIsASecret", "this is secret", "thisissecret",
    "this-is-my-secret", "thisismysecret", "thisismysecretkey", "this is my secret key",
    "this-is-my-secret-key", "this_is_my_secret_key", "change-me", "CHANGE_ME", "CHANGEME",
    "ChangeMe", "change me", "changemeplease", "change-me-please", "change_me_please",
    "please-change-me", "change-this", "change_this", "CHANGE_THIS", "changethis", "change this",
    "change-this-secret", "change-this-key", "change_this_secret_key", "change-me-in-production",
    "change_me_in_production", "CHANGE_ME_IN_PRODUCTION", "change-this-in-production",
    "change_this_in_production", "changeme-in-production", "change-in-production", "replace-me",
    "replace_me", "REPLACE_ME", "replaceme", "replace me", "replace-this", "replace_this",
    "REPLACE_THIS", "replace-with-your-secret", "replace-with-random-value",
    "replace-with-secure-random-value", "replace_with_your_secret_key",
    "replace-me-with-a-real-secret", "your-secret-key", "your_secret_key", "YOUR_SECRET_KEY",
    "your secret key", "yoursecretkey", "YourSecretKey", "your-secret", "your_secret",
    "YOUR_SECRET", "your-secret-here", "your_secret_here", "YOUR_SECRET_KEY_HERE",
    "your-secret-key-goes-here", "your_secret_key_goes_here", "your-session-secret",
    "your_session_secret", "your-app-secret", "your_app_secret", "your-super-secret-key",
    "your-very-secret-key", "put-your-secret-here", "insert-secret-here", "insert_secret_here",
    "enter-your-secret-key", "s3cr3t", "s3cr3t_k3y", "s3cr3tk3y", "S3cr3t", "S3cr3tK3y", "s3cret",
    "secr3t", "$ecret", "sekrit", "seekrit", "sekret", "secrit", "secreto", "geheim", "development",
    "develop", "devel", "dev_secret", "dev_secret_key", "dev-secret-key-change-me",
    "development-secret", "development_secret", "development-secret-key", "development_secret_key",
    "devsecret", "devsecretkey", "local", "localdev", "local-dev-secret", "test", "test-secret",
    "test_secret", "test-key", "test_key", "testsecret", "test-secret-key", "test_secret_key",
    "tests", "testkey123", "default", "default-key", "default_key", "default-secret-key",
    "default_secret_key", "defaultsecret", "defaultkey", "DEFAULT_SECRET", "secret1", "secret123",
    "secret1234", "secret12345", "Secret123", "secret-string", "secret_string", "secretstring",
    "secretpassword", "secret-password", "not-so-secret", "notsosecret", "not_so_secret",
    "not-a-secret", "notasecret", "not a secret", "nosecret", "no-secret", "nothing", "topsecret",
    "top-secret", "top_secret", "TopSecret", "TOP_SECRET", "top secret", "very-secret",
    "verysecret", "very secret", "very_secret", "very-secret-key", "verysecretkey",
    "very_secret_key", "extremely-secret", "ultra-secret", "ultrasecret", "hypersecret",
    "megasecret", "shh", "shhh", "shhhh", "shhhhhh", "shhhhhhh", "sshhh", "hush", "psst",
    "session-secret", "session_secret", "sessionsecret", "SESSION_SECRET", "session-key",
    "session_key", "sessionkey", "session secret", "cookie-secret", "cookie_secret", "cookiesecret",
    "COOKIE_SECRET", "cookie-key", "signing-key", "signing_key", "signingkey", "sign-key",
    "secret-sauce", "secretsauce", "app-secret", "app_secret", "appsecret", "APP_SECRET",
    "app-secret-key", "app_secret_key", "appsecretkey", "application-secret", "flask-secret",
    "flask_secret", "flask-secret-key", "flask_secret_key", "flasksecret", "flask secret key",
    "FLASK_SECRET_KEY", "django-secret", "express-secret", "node-secret", "nodejs", "express",
    "flask", "django", "rails", "laravel", "python", "javascript", "node", "fastapi", "starlette",
    "sinatra", "key", "Key", "KEY", "mykey", "my-key", "my_key", "MyKey", "thekey", "the-key",
    "a-key", "somekey", "some-key", "some_key", "somesecret", "some-secret", "some secret",
    "a secret", "asecret", "a-secret", "the-secret", "thesecret", "the secret", "my-app-secret",
    "myappsecret", "mysecretpassword", "private", "private-key", "private_key", "privatekey",
    "priv", "hidden", "confidential", "classified", "password-key", "keep-it-secret",
    "keep it secret", "keepitsecret", "keep-it-secret-keep-it-safe", "keep it secret, keep it safe",
    "dont-tell-anyone", "do-not-share", "donotshare", "nobody-will-guess", "no-one-will-guess",
    "you-will-never-guess-this", "you will never guess", "unguessable", "hard-to-guess",
    "hard_to_guess", "hardtoguess", "hard to guess", "hard-to-guess-string", "hard_to_guess_string",
    "difficult-to-guess", "really-secret", "reallysecret", "really secret", "so-secret", "sosecret",
    "such-secret", "much-secret", "very-very-secret", "temp", "temporary", "tmp", "temp-secret",
    "placeholder", "PLACEHOLDER", "xxxx", "xxxxxx", "XXXXXXXX", "xxxxxxxxxxxxxxxx", "TODO", "todo",
    "FIXME", "fixme", "example", "example-key", "example_key", "examplekey", "example-secret",
    "sample", "sample-key", "demo", "demo-key", "demo-secret", "demokey", "insecure",
    "insecure-key", "insecure-secret", "insecure-secret-key", "insecure_secret_key", "unsafe",
    "unsafe-secret", "not-secure", "notsecure", "abc123secret", "123secret", "secret_key_123",
    "secret-key-123", "secretkey123", "secretkey1234", "mysecretkey123", "mysecret123!",
    "mysupersecretkey", "my-super-secret", "mysupersecret", "my_super_secret",
    "my_super_secret_key", "my-super-secret-key-123", "supersecretpassword",
    "super-secret-password", "supersecret123", "supersecretkey123", "super_secret_key_123",
    "supersecret!", "this-should-be-secret", "should-be-secret", "must-be-secret", "keyboard-cat",
    "keyboardcat", "keyboard_cat", "Keyboard Cat", "secret sauce", "my little secret",
    "open sesame", "opensesame", "abracadabra", "mellon", "friend", "swordfish", "hunter2",
    "correct horse battery staple", "correcthorsebatterystaple", "lorem ipsum", "loremipsum",
    "hello world", "helloworld", "hello-world", "HelloWorld", "foobar", "foo-bar", "foo_bar",
    "foobarbaz", "bar", "baz", "qux", "spam", "eggs", "spameggs", "blah", "blahblah", "asdf",
    "asdfasdf", "asdfgh", "asdfghjkl", "qwerty", "qwertyuiop", "zxcvbn", "jwt", "token", "tokens",
    "access-token", "auth", "auth-secret", "auth_secret", "authsecret", "AUTH_SECRET", "auth-key",
    "login", "login-secret", "cats", "cat", "dog", "bacon", "pizza", "cookie", "cookies", "monster",
    "cookiemonster", "banana", "unicorn", "rainbow", "potato", "pineapple", "secret-key-here",
    "secret_key_here", "secretkeyhere", "SECRET_KEY_HERE", "key-here", "add-secret-here",
    "enter-secret-here", "generate-a-secret", "generate-me", "generated", "random", "RANDOM",
    "randomkey", "random-key", "random_key", "random-secret", "random_secret", "randomsecret",
    "random-secret-key", "random_secret_key", "a-very-long-random-string", "long-random-string",
    "some-long-random-string", "a random string", "some-random-string", "some_random_string",
    "random-string-here", "a-random-key", "arandomstring", "any-random-string", "any_random_string",
    "keep-this-secret", "keep_this_secret", "keepthissecret", "keep this secret",
    "keep this really secret", "keep-this-really-secret", "set-a-secret", "set_secret_key",
    "set-your-secret-key", "set-me", "setme", "SET_ME", "unset", "none", "None", "null", "NULL",
    "undefined", "empty", "false", "true", "admin", "administrator", "root", "user", "guest",
    "master", "main", "prod", "production", "staging", "stage", "qa", "local-secret",
    "1234567890abcdef", "0123456789abcdef", "abcdef1234567890", "abcdefghijklmnop",
    "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789",
    "01234567890123456789012345678901", "12345678901234567890123456789012",
    "00000000000000000000000000000000", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "11111111111111111111111111111111", "secretsecretsecretsecretsecretsecret", "secret-secret",
    "secretsecret", "keykeykey",
  ].join('\n'),
  "common-weak": [
    "password", "123456", "123456789", "12345678", "12345", "1234567", "1234567890", "abc123",
    "111111", "123123", "password1", "1234", "iloveyou", "1q2w3e4r", "000000", "qwerty123",
    "zaq12wsx", "dragon", "sunshine", "princess", "letmein", "654321", "monkey", "1qaz2wsx",
    "123321", "superman", "trustno1", "football", "baseball", "welcome", "shadow", "hunter",
    "batman", "ashley", "charlie", "thomas", "daniel", "andrew", "buster", "soccer", "hockey",
    "killer", "cheese", "chelsea", "summer", "winter", "spring", "autumn", "freedom", "whatever",
    "starwars", "pokemon", "mustang", "computer", "internet", "google", "samsung", "apple",
    "microsoft", "windows", "linux", "ubuntu", "access", "passw0rd", "p@ssw0rd", "P@ssw0rd",
    "Passw0rd", "Password", "Password1", "Password123", "password123", "password12", "password!",
    "pass", "pass123", "pass1234", "passwd", "passpass", "p4ssw0rd", "letmein1", "welcome1",
    "welcome123", "Welcome1", "admin123", "admin1234", "adminadmin", "admin@123", "root123", "toor",
    "changeit", "qwe123", "qwe", "qweqwe", "qwerty1", "qwerty12", "qwertyu", "qazwsx", "qazwsxedc",
    "1qazxsw2", "zxcvbnm", "zxcvbn1", "asdf1234", "asdfg", "asd123", "asdasd", "aaaaaa", "aaa",
    "abcd", "abcd1234", "abcdef", "abc", "abc1234", "abcabc", "a1b2c3", "a1b2c3d4", "123abc",
    "1a2b3c", "11111111", "1111", "11111", "000", "0000", "00000000", "112233", "121212", "123",
    "1234qwer", "123qwe", "123456a", "1234567a", "12345a", "123456q", "123654", "12345678910",
    "123456789a", "123456789q", "1234567890q", "131313", "159753", "159357", "147258", "147258369",
    "1password", "222222", "333333", "444444", "555555", "666666", "696969", "777777", "7777777",
    "888888", "987654321", "999999", "2000", "2020", "2021", "2022", "2023", "2024", "2025", "love",
    "hello", "hello123", "hello1", "helloworld1", "test123", "test1", "test1234", "testtest",
    "demo123", "guest123", "user123", "user1", "default1", "temp123", "changeme123", "changeme1",
    "secret12", "secret1!", "mypass", "mypassword", "mypassword1", "nopassword", "nopass", "blank",
    "login123", "shadow1", "master1", "superman1", "batman1", "dragon1", "monkey1", "football1",
    "baseball1", "princess1", "sunshine1", "iloveyou1", "charlie1", "starwars1", "pokemon1",
    "naruto", "anime", "killer1", "ninja", "cheese1", "chocolate", "cookie1", "pizza1", "banana1",
    "orange", "purple", "yellow", "silver", "golden", "diamond", "flower", "forever", "friends",
    "family", "angel", "matrix", "phoenix", "tiger", "wizard", "merlin", "gandalf", "coffee",
    "guitar", "music", "rockstar", "player", "gamer", "minecraft", "mario", "hacker", "hacked",
    "hackme", "letmein!", "security", "secure", "safe", "private1", "superuser", "support",
    "service", "server", "system", "backup", "oracle", "mysql", "postgres", "database", "docker",
    "kubernetes", "jenkins", "github", "gitlab", "heroku", "vagrant", "ubuntu1", "raspberry",
    "nginx", "apache", "django123", "flask123", "node123", "express123", "ruby", "java", "php",
    "coder", "developer", "programmer", "code", "coding", "hacker1", "qwerty!", "!@#$%^&*",
    "!@#$%^", "1q2w3e", "1q2w3e4r5t", "q1w2e3r4", "q1w2e3r4t5", "zaq1zaq1", "zaq1xsw2", "password2",
    "password3", "p@$$w0rd", "Pa$$w0rd", "Pa$$word", "Passw0rd!", "P@ssword1", "P@ssw0rd1",
    "Admin@123", "Admin123", "Test@123", "Test1234", "Qwerty123", "Qwerty1", "Abc123", "Abcd1234",
    "Aa123456", "a123456", "a1234567", "trustno1!",
  ].join('\n'),
  // react-router 7 (npm), docs/explanation/sessions-and-cookies.md: `secrets: ["s3cret1"]` in app/sessions.server.ts
  "react-router-docs": [
    "s3cret1",
  ].join('\n'),
  // supabase/cli pkg/config/apikeys.go: `defaultJwtSecret`, the auth.jwt_secret of a local project unless config.toml sets one
  "supabase-cli": [
    "super-secret-jwt-token-with-at-least-32-characters-long",
  ].join('\n'),
};

/**
 * Known secrets that are raw bytes rather than text (e.g. Flask's quickstart key contains a newline
 * and 0xEC). `hex` is the exact key bytes; `display` is the literal as written in the source.
 */
export const KNOWN_BYTE_SECRETS: readonly { hex: string; source: string; display: string }[] = [
  { hex: "5f352379324c22463451387a0aec5d2f", source: "flask-docs", display: "b'_5#y2L\"F4Q8z\\n\\xec]/'" },
  // same literal without the b prefix: a Python 3 str, so the key bytes are its UTF-8 encoding
  { hex: "5f352379324c22463451387a0ac3ac5d2f", source: "flask-docs", display: "'_5#y2L\"F4Q8z\\n\\xec]/'" },
  // old Flask docs (Python 2): a str literal is raw bytes
  { hex: "fd7b48e53c95f9e3962e35d1014f3c21d5a2a09f5222a1a8", source: "flask-docs", display: "'\\xfd{H\\xe5<\\x95\\xf9\\xe3\\x96.5\\xd1\\x01O<!\\xd5\\xa2\\xa0\\x9fR\"\\xa1\\xa8'" },
  // the same literal pasted into Python 3 is a str: key bytes are its UTF-8 encoding
  { hex: "c3bd7b48c3a53cc295c3b9c3a3c2962e35c391014f3c21c395c2a2c2a0c29f5222c2a1c2a8", source: "flask-docs", display: "'\\xfd{H\\xe5<\\x95\\xf9\\xe3\\x96.5\\xd1\\x01O<!\\xd5\\xa2\\xa0\\x9fR\"\\xa1\\xa8'" },
  // old Flask docs (Python 2): a str literal is raw bytes
  { hex: "3fbf2cb48da3223c9cb0400f35ab2c77ee8d2430138b3833", source: "flask-docs", display: "'?\\xbf,\\xb4\\x8d\\xa3\"<\\x9c\\xb0@\\x0f5\\xab,w\\xee\\x8d$0\\x13\\x8b83'" },
  // the same literal pasted into Python 3 is a str: key bytes are its UTF-8 encoding
  { hex: "3fc2bf2cc2b4c28dc2a3223cc29cc2b0400f35c2ab2c77c3aec28d243013c28b3833", source: "flask-docs", display: "'?\\xbf,\\xb4\\x8d\\xa3\"<\\x9c\\xb0@\\x0f5\\xab,w\\xee\\x8d$0\\x13\\x8b83'" },
  { hex: "02017468697369736d7973637265746b657901025c655c795c795c68", source: "app-defaults", display: "'\\2\\1thisismyscretkey\\1\\2\\e\\y\\y\\h'" },
  // jwt-simple README (JavaScript): the hex string decoded to 16 bytes
  { hex: "fe1a1915a379f3be5394b64d14794932", source: "jwt-docs", display: "Buffer.from('fe1a1915a379f3be5394b64d14794932', 'hex')" },
];
