from django.conf import settings


def test_data_dir_is_temporary():
    assert "wenku-test-" in str(settings.DATA_DIR)
