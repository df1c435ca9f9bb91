from operator_app.core.phone import mask_phone


def test_chinese_mobile_is_masked_to_the_familiar_form() -> None:
    assert mask_phone("+8613812345678") == "138****5678"


def test_empty_phone_shows_nothing() -> None:
    assert mask_phone(None) == ""
    assert mask_phone("") == ""


def test_foreign_number_never_reveals_more_than_seven_digits() -> None:
    assert mask_phone("+14155552671") == "141****2671"
    assert mask_phone("+1234567") == "*******"
