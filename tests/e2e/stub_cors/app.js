// A page on another origin than the stub, calling Cognito's JSON protocol with fetch (as
// Amplify does): sign up, confirm with the emailed code, sign in with SRP.
import { passwordClaim, start } from "./srp.js";

const query = new URLSearchParams(location.search);
const endpoint = query.get("endpoint");
const poolId = query.get("pool");
const clientId = query.get("client");
const status = document.getElementById("status");

async function cognito(operation, params) {
  const response = await fetch(endpoint + "/", {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.1",
      "X-Amz-Target": `AWSCognitoIdentityProviderService.${operation}`,
      "X-Amz-User-Agent": "stub-cors-page/1.0",
      "Cache-Control": "no-store",
    },
    body: JSON.stringify(params),
  });
  const body = await response.json();
  if (!response.ok) {
    const code = response.headers.get("x-amzn-errortype") || body.__type;
    throw new Error(`${code}: ${body.message}`);
  }
  return body;
}

function field(name) {
  return document.getElementById(name).value;
}

function claims(jwt) {
  const payload = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(atob(payload.padEnd(payload.length + ((4 - (payload.length % 4)) % 4), "=")));
}

const actions = {
  async "sign-up"() {
    await cognito("SignUp", { ClientId: clientId, Username: field("email"), Password: field("password") });
    return "Signed up: check the code";
  },
  async confirm() {
    await cognito("ConfirmSignUp", { ClientId: clientId, Username: field("email"), ConfirmationCode: field("code") });
    return "Confirmed";
  },
  async "sign-in"() {
    const exchange = start();
    const challenge = await cognito("InitiateAuth", {
      ClientId: clientId,
      AuthFlow: "USER_SRP_AUTH",
      AuthParameters: { USERNAME: field("email"), SRP_A: exchange.srpA },
    });
    const answer = await cognito("RespondToAuthChallenge", {
      ClientId: clientId,
      ChallengeName: challenge.ChallengeName,
      ChallengeResponses: await passwordClaim(exchange, poolId, field("password"), challenge.ChallengeParameters),
    });
    const user = await cognito("GetUser", { AccessToken: answer.AuthenticationResult.AccessToken });
    const email = claims(answer.AuthenticationResult.IdToken).email;
    return `Signed in with SRP as ${email} (${user.Username})`;
  },
};

for (const [name, action] of Object.entries(actions)) {
  document.getElementById(name).addEventListener("click", async () => {
    status.textContent = "…";
    try {
      status.textContent = await action();
    } catch (error) {
      status.textContent = `Error ${error.message}`;
    }
  });
}
status.textContent = "Ready";
