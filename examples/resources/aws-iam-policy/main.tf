# A customer managed policy (Security Hub KMS.1) that lets its holders decrypt with every key
# in account 111122223333, in any region.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_iam_policy" "reports_read" {
  name        = "reports-read"
  description = "Read the monthly reports"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadReports"
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = "arn:aws:s3:::example-reports/*"
      },
      {
        Sid      = "DecryptReports"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:DescribeKey"]
        Resource = "arn:aws:kms:*:111122223333:key/*"
      },
    ]
  })
}
