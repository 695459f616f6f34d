from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "wenku.security"
    label = "wenku_security"
