<?php
// Reads a cookie the way a Laravel 8 app does: the EncryptCookies middleware (Illuminate's Encrypter, the cookie-name
// prefix check) on a request carrying it, then, with `session`, the cookie session driver's CookieSessionHandler and
// the Store's unserialize. Prints the value (or the session attributes) as JSON, or REJECTED when Laravel drops it.
//
// usage: php read_laravel_cookie.php APP_KEY CIPHER NAME VALUE [session]

require_once 'Illuminate/Encryption/autoload.php';
require_once 'Illuminate/Cookie/autoload.php';
require_once 'Illuminate/Http/autoload.php';
require_once 'Illuminate/Session/autoload.php';

use Illuminate\Cookie\CookieJar;
use Illuminate\Cookie\Middleware\EncryptCookies;
use Illuminate\Encryption\Encrypter;
use Illuminate\Http\Request;
use Illuminate\Session\CookieSessionHandler;
use Symfony\Component\HttpFoundation\Response;

[, $appKey, $cipher, $name, $value] = $argv;
$session = ($argv[5] ?? '') === 'session';

$encrypter = new Encrypter(base64_decode(substr($appKey, strlen('base64:'))), $cipher);
// PHP hands cookies to the app urldecode()d ($_COOKIE), as Symfony's Request::createFromGlobals reads them.
$request = Request::create('/', 'GET', [], [$name => urldecode($value)]);

$read = null;
(new EncryptCookies($encrypter))->handle($request, function (Request $request) use (&$read, $name, $session) {
    $read = $request->cookies->get($name);
    if ($read !== null && $session) {
        $handler = new CookieSessionHandler(new CookieJar(), 120);
        $handler->setRequest($request);
        $data = $handler->read($name);
        $read = $data === '' ? null : unserialize($data);
    }
    return new Response();
});

echo $read === null ? 'REJECTED' : json_encode($read, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
