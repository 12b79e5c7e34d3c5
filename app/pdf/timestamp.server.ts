import crypto from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { OID, sha256 } from "./cms.server";

/** The timestamp authority did not answer with a usable token: the seal is retried, never made without it. */
export class TimestampError extends Error {}

const TIMEOUT_MS = 20_000;

/**
 * Asks an RFC 3161 timestamp authority to vouch for the time of `signature` (PAdES B-T: the
 * imprint is the SHA-256 of the CMS signature value) and returns the token, a CMS ContentInfo,
 * after checking that it answers this very request.
 */
export async function requestTimestampToken(tsaUrl: string, signature: Buffer): Promise<asn1js.Sequence> {
  const imprint = sha256(signature);
  const nonce = crypto.randomBytes(8);
  nonce[0] &= 0x7f;
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });
  let body: ArrayBuffer;
  try {
    const res = await fetch(tsaUrl, {
      method: "POST",
      headers: { "content-type": "application/timestamp-query" },
      body: new Uint8Array(request.toSchema().toBER()),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw new TimestampError(`The timestamp authority at TSA_URL answered HTTP ${res.status}.`);
    body = await res.arrayBuffer();
  } catch (error) {
    if (error instanceof TimestampError) throw error;
    throw new TimestampError(`The timestamp authority at TSA_URL cannot be reached (${error instanceof Error ? error.message : String(error)}).`);
  }
  let response: pkijs.TimeStampResp;
  try {
    response = pkijs.TimeStampResp.fromBER(body);
  } catch {
    throw new TimestampError("The timestamp authority at TSA_URL did not answer with an RFC 3161 response.");
  }
  const status = response.status.status;
  if ((status !== 0 && status !== 1) || !response.timeStampToken) {
    throw new TimestampError(`The timestamp authority at TSA_URL refused the request (status ${status}${response.status.statusStrings?.length ? `: ${response.status.statusStrings.map((s) => s.valueBlock.value).join(" ")}` : ""}).`);
  }
  const signed = new pkijs.SignedData({ schema: response.timeStampToken.content });
  const eContent = signed.encapContentInfo.eContent;
  if (signed.encapContentInfo.eContentType !== OID.tstInfo || !eContent) throw new TimestampError("The timestamp token from TSA_URL carries no TSTInfo.");
  const info = pkijs.TSTInfo.fromBER(eContent.getValue());
  const answeredImprint = Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView);
  const answeredNonce = info.nonce ? Buffer.from(info.nonce.valueBlock.valueHexView) : null;
  if (!answeredImprint.equals(imprint) || !answeredNonce || !stripLeadingZeros(answeredNonce).equals(stripLeadingZeros(nonce))) {
    throw new TimestampError("The timestamp token from TSA_URL does not answer the request that was sent.");
  }
  return response.timeStampToken.toSchema() as asn1js.Sequence;
}

function stripLeadingZeros(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}
