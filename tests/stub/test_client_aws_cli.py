"""What a QA script does with the AWS CLI (`aws cognito-idp ... --endpoint-url <stub>`), made
as the CLI makes it: botocore with credentials, so every call is SigV4-signed, public
operations included."""

from __future__ import annotations

from cognito_stub import APP_CLIENT_ID, USER_POOL_ID

from .helpers import NEW_PASSWORD, STRONG_PASSWORD, error_of, make_client

EMAIL = "cli@example.org"


def test_a_cli_script_end_to_end(stub):
    aws = make_client(stub.url, signed=True, attempts=3)  # the CLI's standard retries
    # aws cognito-idp sign-up / admin-confirm-sign-up
    sub = aws.sign_up(ClientId=APP_CLIENT_ID, Username=EMAIL, Password=STRONG_PASSWORD)["UserSub"]
    aws.admin_confirm_sign_up(UserPoolId=USER_POOL_ID, Username=EMAIL)
    # aws cognito-idp initiate-auth --auth-flow USER_PASSWORD_AUTH --auth-parameters ...
    tokens = aws.initiate_auth(
        ClientId=APP_CLIENT_ID,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": EMAIL, "PASSWORD": STRONG_PASSWORD},
    )["AuthenticationResult"]
    assert aws.get_user(AccessToken=tokens["AccessToken"])["Username"] == sub
    # aws cognito-idp admin-set-user-password --permanent
    aws.admin_set_user_password(
        UserPoolId=USER_POOL_ID, Username=EMAIL, Password=NEW_PASSWORD, Permanent=True
    )
    # aws cognito-idp create-group / admin-add-user-to-group / list-users --filter
    aws.create_group(UserPoolId=USER_POOL_ID, GroupName="qa")
    aws.admin_add_user_to_group(UserPoolId=USER_POOL_ID, Username=EMAIL, GroupName="qa")
    found = aws.list_users(UserPoolId=USER_POOL_ID, Filter=f'email = "{EMAIL}"')["Users"]
    assert [u["Username"] for u in found] == [sub]
    groups = aws.admin_list_groups_for_user(UserPoolId=USER_POOL_ID, Username=EMAIL)["Groups"]
    assert [g["GroupName"] for g in groups] == ["qa"]
    # aws cognito-idp create-user-pool-client + admin-initiate-auth
    client_id = aws.create_user_pool_client(
        UserPoolId=USER_POOL_ID,
        ClientName="cli",
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    admin_tokens = aws.admin_initiate_auth(
        UserPoolId=USER_POOL_ID,
        ClientId=client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": EMAIL, "PASSWORD": NEW_PASSWORD},
    )["AuthenticationResult"]
    assert aws.get_user(AccessToken=admin_tokens["AccessToken"])["Username"] == sub
    # aws cognito-idp global-sign-out, then admin-delete-user
    aws.global_sign_out(AccessToken=admin_tokens["AccessToken"])
    revoked = error_of(aws.get_user, AccessToken=admin_tokens["AccessToken"])
    assert revoked["Message"] == "Access Token has been revoked"
    aws.admin_delete_user(UserPoolId=USER_POOL_ID, Username=EMAIL)
    assert error_of(aws.admin_get_user, UserPoolId=USER_POOL_ID, Username=EMAIL)["Code"] == (
        "UserNotFoundException"
    )
