import { AwsV4Signer } from "aws4fetch";
import { signS3Request } from "./s3-storage.client";

/**
 * AWS's published Signature Version 4 vectors, not values computed by the code under test:
 * the "sig-v4-test-suite" (its .req, .creq, .sts and .authz files for three requests) and the
 * "Example: GET Object" of the S3 API reference (Authenticating Requests: AWS Signature V4).
 */
describe("AWS Signature V4 (aws4fetch, as S3Storage uses it)", () => {
  const SUITE = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", region: "us-east-1", service: "service", datetime: "20150830T123600Z", allHeaders: true };
  const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  const CREDENTIAL = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";

  it.each([
    {
      name: "get-vanilla",
      request: { method: "GET", url: "https://example.amazonaws.com/" },
      creq: ["GET", "/", "", "host:example.amazonaws.com", "x-amz-date:20150830T123600Z", "", "host;x-amz-date", EMPTY_SHA256],
      sts: "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
      authz: `${CREDENTIAL}, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31`,
    },
    {
      name: "get-vanilla-query-order-key-case",
      request: { method: "GET", url: "https://example.amazonaws.com/?Param2=value2&Param1=value1" },
      creq: ["GET", "/", "Param1=value1&Param2=value2", "host:example.amazonaws.com", "x-amz-date:20150830T123600Z", "", "host;x-amz-date", EMPTY_SHA256],
      sts: "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
      authz: `${CREDENTIAL}, SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500`,
    },
    {
      name: "post-x-www-form-urlencoded",
      request: { method: "POST", url: "https://example.amazonaws.com/", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "Param1=value1" },
      creq: [
        "POST",
        "/",
        "",
        "content-type:application/x-www-form-urlencoded",
        "host:example.amazonaws.com",
        "x-amz-date:20150830T123600Z",
        "",
        "content-type;host;x-amz-date",
        "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
      ],
      sts: "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281",
      authz: `${CREDENTIAL}, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a`,
    },
  ])("signs the suite's $name request: canonical request, string to sign, Authorization", async ({ request, creq, sts, authz }) => {
    const signer = new AwsV4Signer({ ...SUITE, ...request });
    expect([await signer.canonicalString(), await signer.stringToSign(), (await signer.sign()).headers.get("authorization")]).toEqual([
      creq.join("\n"),
      ["AWS4-HMAC-SHA256", "20150830T123600Z", "20150830/us-east-1/service/aws4_request", sts].join("\n"),
      authz,
    ]);
  });

  it("signs the S3 documentation's GET Object example as S3Storage signs its requests", async () => {
    const headers = await signS3Request(
      { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "us-east-1" },
      { method: "GET", url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"), headers: { range: "bytes=0-9" }, body: new Uint8Array(0) },
      new Date("2013-05-24T00:00:00Z"),
    );
    expect(headers).toEqual({
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
      range: "bytes=0-9",
      "x-amz-content-sha256": EMPTY_SHA256,
      "x-amz-date": "20130524T000000Z",
    });
  });

  it("signs the hash of the bytes sent, so a store rejects other bytes", async () => {
    const sign = (body: string) =>
      signS3Request(
        { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "fr-par" },
        { method: "PUT", url: new URL("https://s3.example/b/k"), body: new TextEncoder().encode(body) },
        new Date("2026-01-01T00:00:00Z"),
      );
    const [a, b] = await Promise.all([sign("a"), sign("b")]);
    expect(a["x-amz-content-sha256"]).toBe("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
    expect(a.authorization).not.toBe(b.authorization);
  });
});
