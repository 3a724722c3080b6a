# Reads a Rails signed or encrypted cookie with ActiveSupport's MessageVerifier / MessageEncryptor; prints the JSON
# message, or REJECTED. Keys as Rails 7.0's key generator derives them (PBKDF2-HMAC-SHA256, 1000 iterations).
# usage: read_rails_cookie.rb SECRET_KEY_BASE signed|encrypted COOKIE_NAME VALUE
require 'active_support'
require 'active_support/message_encryptor'
require 'active_support/message_verifier'
require 'cgi'
require 'openssl'

secret, kind, name, value = ARGV
key = ->(salt, length) { OpenSSL::PKCS5.pbkdf2_hmac(secret, salt, 1000, length, OpenSSL::Digest::SHA256.new) }
null = ActiveSupport::MessageEncryptor::NullSerializer
message = if kind == 'encrypted'
  encryptor = ActiveSupport::MessageEncryptor.new(key.call('authenticated encrypted cookie', 32), cipher: 'aes-256-gcm', serializer: null)
  encryptor.decrypt_and_verify(CGI.unescape(value), purpose: "cookie.#{name}")
else
  verifier = ActiveSupport::MessageVerifier.new(key.call('signed cookie', 64), digest: 'SHA1', serializer: null)
  verifier.verified(CGI.unescape(value), purpose: "cookie.#{name}")
end
puts message.nil? ? 'REJECTED' : message
