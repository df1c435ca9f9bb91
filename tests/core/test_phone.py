from operator_app.core.phone import mask_phone, national_digits


def test_chinese_mobile_is_masked_to_the_familiar_form() -> None:
    assert mask_phone("+8613812345678") == "138****5678"


def test_empty_phone_shows_nothing() -> None:
    assert mask_phone(None) == ""
    assert mask_phone("") == ""


def test_foreign_number_never_reveals_more_than_seven_digits() -> None:
    assert mask_phone("+14155552671") == "141****2671"
    assert mask_phone("+1234567") == "*******"


def test_national_digits_are_what_an_operator_types() -> None:
    assert national_digits("+8613812345678") == "13812345678"
    assert national_digits("+14155550123") == "14155550123"
    assert national_digits(None) == "" and national_digits("") == ""
